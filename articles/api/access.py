"""Who may read the API, and how often: public by default, an API key when the setting asks for one."""

from django.conf import settings
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission
from rest_framework.throttling import SimpleRateThrottle
from rest_framework_api_key.permissions import HasAPIKey, KeyParser

key_parser = KeyParser()


class ReadAccess(BasePermission):
    """Anyone may read, unless API_READ_REQUIRES_KEY: then a valid API key (or a signed-in editor) is needed."""

    message = "An API key is required: send it as 'Authorization: Api-Key <key>'."

    def has_permission(self, request, view) -> bool:
        if not settings.API_READ_REQUIRES_KEY or request.user.is_authenticated:
            return True
        if HasAPIKey().has_permission(request, view):
            return True
        raise PermissionDenied(self.message)  # DRF would otherwise answer that credentials are missing


class SettingsRateThrottle(SimpleRateThrottle):
    """A throttle whose rate is read from settings at each request, so it can be changed without a restart of
    the class-level cache DRF keeps."""

    setting: str

    def get_rate(self) -> str | None:
        return getattr(settings, self.setting) or None

    def allow_request(self, request, view) -> bool:
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)


class ApiKeyRateThrottle(SettingsRateThrottle):
    """Requests per API key (its public prefix), whatever address they come from."""

    scope = "api_key"
    setting = "REST_THROTTLE_KEY"

    def get_cache_key(self, request, view) -> str | None:
        key = key_parser.get(request)
        if not key:
            return None
        return self.cache_format % {"scope": self.scope, "ident": key.partition(".")[0]}


class IpRateThrottle(SettingsRateThrottle):
    """Requests per client address, for clients without an API key."""

    scope = "ip"
    setting = "REST_THROTTLE_IP"

    def get_cache_key(self, request, view) -> str | None:
        if key_parser.get(request):
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
