"""Editor workflows in the admin, kept apart from the model registrations: merging and splitting entities, and
routing quote corrections through the services so each one is audited and survives re-enrichment."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from articles import services
from articles.enrichment import normalize_name
from articles.models import Mention, Quote

SPEAKER_FIELDS = {"speaker_person", "speaker_organization"}


def quote_form_apply(*, request: HttpRequest, form) -> None:
    """Call the editor services for what changed in a quote's admin form, before the form itself is saved.

    The services update the same instance (speaker, verified, rejected), so the form's save that follows keeps them.
    """
    quote: Quote = form.instance
    if quote.pk is None or not form.has_changed():
        return
    changed = set(form.changed_data)
    if changed & SPEAKER_FIELDS:
        services.quote_speaker_set(quote=quote, speaker=quote.speaker, user=request.user)
    if "rejected" in changed and quote.rejected:
        services.quote_reject(quote=quote, user=request.user)
    elif "verified" in changed and quote.verified and not changed & SPEAKER_FIELDS:
        services.quote_verify(quote=quote, user=request.user)


class QuoteEditingMixin:
    """For the quote admin: verify and reject actions; edits in the form go through the services."""

    @admin.action(description="Verify the selected quotes", permissions=["change"])
    def verify_quotes(self, request, queryset) -> None:
        quotes = list(queryset)
        for quote in quotes:
            services.quote_verify(quote=quote, user=request.user)
        self.message_user(request, f"Verified {len(quotes)} quote(s).", messages.SUCCESS)

    @admin.action(description="Mark the selected quotes as not a quote", permissions=["change"])
    def reject_quotes(self, request, queryset) -> None:
        quotes = list(queryset)
        for quote in quotes:
            services.quote_reject(quote=quote, user=request.user)
        self.message_user(request, f"Marked {len(quotes)} span(s) as not a quote.", messages.SUCCESS)

    def save_model(self, request, obj, form, change) -> None:
        if change:
            quote_form_apply(request=request, form=form)
        super().save_model(request, obj, form, change)


class QuoteInlineEditingMixin:
    """For the article admin: quote rows edited inline go through the same services."""

    def save_formset(self, request, form, formset, change) -> None:
        if formset.model is Quote:
            deleted = set(map(id, formset.deleted_forms))
            for quote_form in formset.initial_forms:
                if id(quote_form) not in deleted:
                    quote_form_apply(request=request, form=quote_form)
        super().save_formset(request, form, formset, change)


class AliasSplitInlineMixin:
    """For an entity's alias inline: a link per alias to split it off into its own record."""

    readonly_fields = ["split_off"]

    @admin.display(description="wrongly merged?")
    def split_off(self, alias) -> str:
        if alias.pk is None:
            return ""
        opts = self.parent_model._meta
        record_id = getattr(alias, f"{opts.model_name}_id")
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_split_alias", args=[record_id, alias.pk])
        return format_html('<a href="{}">split off into its own record</a>', url)


class EntityEditingMixin:
    """For the person, organization and place admins: merge several records into one, split an alias off."""

    alias_model = None  # the alias model of the entity, set by each admin

    @admin.action(description="Merge the selected %(verbose_name_plural)s into one…", permissions=["change", "delete"])
    def merge_selected(self, request, queryset):
        opts = self.model._meta
        records = list(
            queryset.annotate(merge_mentions=Count("mentions", distinct=True))
            .prefetch_related("aliases")
            .order_by("-merge_mentions", "id")
        )
        if len(records) < 2:
            self.message_user(request, f"Select two or more {opts.verbose_name_plural} to merge.", messages.WARNING)
            return None
        if request.POST.get("post") == "yes":
            keep = next((record for record in records if str(record.pk) == request.POST.get("keep")), None)
            if keep is not None:
                others = [record for record in records if record.pk != keep.pk]
                services.entity_merge(keep=keep, others=others, user=request.user)
                self.message_user(
                    request,
                    f"Merged {len(others)} {opts.verbose_name_plural} into “{keep.name}”.",
                    messages.SUCCESS,
                )
                return None
            self.message_user(request, "Choose the record to keep.", messages.ERROR)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Merge {opts.verbose_name_plural}",
            "opts": opts,
            "records": records,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/articles/entity_merge.html", context)

    def get_urls(self):
        opts = self.model._meta
        view = self.admin_site.admin_view(self.split_alias_view)
        own = [
            path(
                "<path:object_id>/split-alias/<int:alias_id>/",
                view,
                name=f"{opts.app_label}_{opts.model_name}_split_alias",
            )
        ]
        return own + super().get_urls()

    def split_alias_view(self, request, object_id: str, alias_id: int):
        opts = self.model._meta
        record = self.get_object(request, unquote(object_id))
        if record is None or not self.has_change_permission(request, record):
            raise PermissionDenied
        alias = get_object_or_404(self.alias_model, pk=alias_id, **{opts.model_name: record})
        if request.method == "POST":
            try:
                created = services.entity_split_alias(alias=alias, user=request.user)
            except ValueError as exc:
                self.message_user(request, str(exc), messages.ERROR)
                return HttpResponseRedirect(
                    reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
                )
            self.message_user(request, f"“{created.name}” is now a record of its own.", messages.SUCCESS)
            return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[created.pk]))
        mentions = [
            mention
            for mention in Mention.objects.filter(**{opts.model_name: record}).select_related("article")
            if alias.normalized_name in {normalize_name(form) for form in mention.surface_forms}
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": f"Split “{alias.name}” off “{record.name}”",
            "opts": opts,
            "record": record,
            "alias": alias,
            "mentions": mentions,
        }
        return TemplateResponse(request, "admin/articles/entity_split_alias.html", context)
