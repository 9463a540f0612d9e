from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.html import format_html

from articles import services
from articles.admin_editing import (
    AliasSplitInlineMixin,
    EntityEditingMixin,
    QuoteEditingMixin,
    QuoteInlineEditingMixin,
)
from articles.highlight import article_highlight
from articles.models import (
    Article,
    ArticleVersion,
    EditorDecision,
    Mention,
    Organization,
    OrganizationAlias,
    Person,
    PersonAlias,
    Place,
    PlaceAlias,
    Quote,
    Source,
    Subscriber,
    WebhookEvent,
)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "is_active", "feed_url", "article_count", "created_at"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_filter = ["is_active"]
    search_fields = ["slug", "name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(ordering="article_count")
    def article_count(self, source: Source) -> int:
        return source.article_count


class MentionInline(admin.TabularInline):
    model = Mention
    fk_name = "article"
    extra = 0
    fields = ["kind", "person", "organization", "place", "salience", "role", "affiliation", "verified"]
    autocomplete_fields = ["person", "organization", "place", "affiliation"]
    ordering = ["-salience"]


class QuoteInline(admin.TabularInline):
    model = Quote
    extra = 0
    fields = [
        "text",
        "kind",
        "speaker_person",
        "speaker_organization",
        "speaker_text",
        "cue",
        "confidence",
        "verified",
        "rejected",
    ]
    autocomplete_fields = ["speaker_person", "speaker_organization"]
    ordering = ["start"]


class ArticleVersionInline(admin.TabularInline):
    model = ArticleVersion
    extra = 0
    fields = ["created_at", "title", "content_hash"]
    readonly_fields = fields
    can_delete = False


def _count(model, field: str = "article"):
    """A per-row count as a subquery: two joined COUNT(DISTINCT) aggregates would multiply rows on long lists."""
    rows = model.objects.filter(**{field: OuterRef("pk")}).order_by().values(field)
    return Coalesce(Subquery(rows.annotate(n=Count("pk")).values("n")[:1]), 0)


@admin.register(Article)
class ArticleAdmin(QuoteInlineEditingMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "source",
        "language",
        "status",
        "mention_count",
        "quote_count",
        "published_at",
        "received_at",
    ]
    list_select_related = ["source"]
    autocomplete_fields = ["source"]
    list_filter = ["status", "language", "source", "published_at"]
    search_fields = ["title", "external_id", "clean_text"]
    date_hierarchy = "published_at"
    # The text is the publisher's: editors correct what enrichment found, not what was delivered, so the delivered
    # text and the pipeline's state are shown, not edited.
    readonly_fields = [
        "source",
        "external_id",
        "body",
        "content_hash",
        "status",
        "status_changed_at",
        "error",
        "attempts",
        "pipeline_version",
        "received_at",
        "updated_at",
        "enriched_at",
        "clean_text",
        "keywords",
        "language",
        "language_hint",
    ]
    fieldsets = [
        (None, {"fields": ["title", "url", "published_at", "authors", "source", "external_id"]}),
        (
            "Enrichment",
            {
                "fields": [
                    "status",
                    "error",
                    "language",
                    "language_hint",
                    "keywords",
                    "pipeline_version",
                    "attempts",
                    "status_changed_at",
                    "received_at",
                    "enriched_at",
                ]
            },
        ),
        ("Text as delivered", {"classes": ["collapse"], "fields": ["body", "clean_text", "content_hash"]}),
    ]
    inlines = [MentionInline, QuoteInline, ArticleVersionInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["reenrich", "retry_failed"]

    @admin.action(description="Re-run enrichment on the selected articles")
    def reenrich(self, request, queryset) -> None:
        self._enqueue(request, list(queryset.values_list("id", flat=True)))

    @admin.action(description="Retry the selected articles whose enrichment failed")
    def retry_failed(self, request, queryset) -> None:
        self._enqueue(request, list(queryset.filter(status=Article.Status.FAILED).values_list("id", flat=True)))

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(mention_count=_count(Mention), quote_count=_count(Quote))

    @admin.display(ordering="mention_count", description="entities")
    def mention_count(self, article: Article) -> int:
        return article.mention_count

    @admin.display(ordering="quote_count", description="quotes")
    def quote_count(self, article: Article) -> int:
        return article.quote_count

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["highlighted_text"] = article_highlight(article=obj)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def _enqueue(self, request, ids: list[int]) -> None:
        sent = services.articles_enqueue(article_ids=ids)  # in batches, as the reenrich command sends them
        EditorDecision.objects.create(
            user=request.user, action=EditorDecision.Action.REENRICH, details={"articles": ids}
        )
        if sent < len(ids):
            self.message_user(
                request, f"{len(ids) - sent} article(s) could not be queued: is the broker up?", messages.ERROR
            )
        self.message_user(request, f"Enrichment scheduled for {sent} article(s).", messages.SUCCESS)


class EntityAdmin(EntityEditingMixin, admin.ModelAdmin):
    list_display = ["name", "verified", "mention_count", "created_at"]
    actions = ["merge_selected"]
    list_filter = ["verified"]
    search_fields = ["name", "aliases__name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(mention_count=Count("mentions", distinct=True))

    @admin.display(ordering="mention_count", description="articles")
    def mention_count(self, entity) -> int:
        return entity.mention_count


class PersonAliasInline(AliasSplitInlineMixin, admin.TabularInline):
    model = PersonAlias
    extra = 0
    fields = ["name", "split_off"]


class OrganizationAliasInline(AliasSplitInlineMixin, admin.TabularInline):
    model = OrganizationAlias
    extra = 0
    fields = ["name", "split_off"]


class PlaceAliasInline(AliasSplitInlineMixin, admin.TabularInline):
    model = PlaceAlias
    extra = 0
    fields = ["name", "split_off"]


@admin.register(Person)
class PersonAdmin(EntityAdmin):
    inlines = [PersonAliasInline]
    alias_model = PersonAlias


@admin.register(Organization)
class OrganizationAdmin(EntityAdmin):
    inlines = [OrganizationAliasInline]
    alias_model = OrganizationAlias


@admin.register(Place)
class PlaceAdmin(EntityAdmin):
    inlines = [PlaceAliasInline]
    alias_model = PlaceAlias


@admin.register(Quote)
class QuoteAdmin(QuoteEditingMixin, admin.ModelAdmin):
    list_display = [
        "short_text",
        "kind",
        "speaker_person",
        "speaker_organization",
        "confidence",
        "verified",
        "rejected",
        "article",
    ]
    list_filter = ["kind", "verified", "rejected", "article__language", "article__source", "article__published_at"]
    search_fields = ["text", "speaker_text", "speaker_person__name", "speaker_organization__name"]
    autocomplete_fields = ["article", "speaker_person", "speaker_organization"]
    list_select_related = ["speaker_person", "speaker_organization", "article"]
    actions = ["verify_quotes", "reject_quotes"]

    @admin.display(description="text")
    def short_text(self, quote: Quote) -> str:
        return quote.text[:100]


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "salience", "role", "verified"]
    list_filter = ["kind", "verified", "article__language", "article__source"]
    search_fields = ["person__name", "organization__name", "place__name", "article__title"]
    autocomplete_fields = ["article", "person", "organization", "place", "affiliation"]
    list_select_related = ["article", "person", "organization", "place"]


@admin.register(EditorDecision)
class EditorDecisionAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "action", "summary"]
    list_filter = ["action", "user", "created_at"]
    list_select_related = ["user"]
    readonly_fields = ["created_at", "user", "action", "details"]

    @admin.display(description="details")
    def summary(self, decision: EditorDecision) -> str:
        return ", ".join(f"{key}: {value}" for key, value in decision.details.items())[:200]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class SubscriberForm(forms.ModelForm):
    url = forms.URLField(max_length=2000, assume_scheme="https")
    event_types = forms.MultipleChoiceField(
        choices=Subscriber.EventType.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Subscriber
        fields = ["name", "url", "secret", "event_types", "is_active"]


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    form = SubscriberForm
    list_display = ["name", "url", "state", "event_list", "consecutive_failures", "disabled_at", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "url"]
    readonly_fields = ["consecutive_failures", "disabled_at", "created_at"]
    actions = ["enable"]

    @admin.display(description="state", ordering="is_active")
    def state(self, subscriber: Subscriber) -> str:
        if subscriber.is_active:
            return format_html('<span style="color:{}">{}</span>', "#2e7d32", "active")
        reason = f"disabled after {subscriber.consecutive_failures} failed events" if subscriber.disabled_at else "off"
        return format_html('<strong style="color:{}">{}</strong>', "#c62828", f"DISABLED ({reason})")

    @admin.display(description="events")
    def event_list(self, subscriber: Subscriber) -> str:
        return ", ".join(subscriber.event_types or [])

    @admin.action(description="Enable the selected subscribers again and reset their failure count")
    def enable(self, request, queryset) -> None:
        for subscriber in queryset:
            services.subscriber_enable(subscriber=subscriber)
        self.message_user(request, f"{queryset.count()} subscriber(s) enabled.", messages.SUCCESS)


@admin.register(WebhookEvent)
class WebhookEventAdmin(admin.ModelAdmin):
    """The outgoing delivery log: one row per event and subscriber, with the outcome of each attempt."""

    list_display = [
        "created_at",
        "event_type",
        "subscriber",
        "status",
        "attempts",
        "last_status_code",
        "short_error",
        "delivered_at",
    ]
    list_filter = ["status", "event_type", "subscriber"]
    search_fields = ["message_id", "subscriber__name"]
    list_select_related = ["subscriber"]
    readonly_fields = [
        "subscriber",
        "event_type",
        "message_id",
        "status",
        "attempts",
        "last_status_code",
        "last_error",
        "attempt_log",
        "payload",
        "delivered_at",
        "created_at",
    ]
    actions = ["resend"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.display(description="last error")
    def short_error(self, event: WebhookEvent) -> str:
        return event.last_error[:80]

    @admin.action(description="Send the selected events again (same webhook-id, attempts from zero)")
    def resend(self, request, queryset) -> None:
        sent = sum(services.webhook_event_resend(event=event) for event in queryset.select_related("subscriber"))
        self.message_user(request, f"{sent} event(s) scheduled.", messages.SUCCESS)
