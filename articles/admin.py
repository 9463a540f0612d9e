from django.contrib import admin, messages
from django.db import models
from django.db.models import Count

from articles import services
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
)


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "is_active", "article_count", "created_at"]
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


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "source", "language", "status", "published_at", "received_at"]
    list_filter = ["status", "language", "source", "published_at"]
    search_fields = ["title", "external_id", "clean_text"]
    date_hierarchy = "published_at"
    readonly_fields = [
        "content_hash",
        "status",
        "error",
        "attempts",
        "pipeline_version",
        "received_at",
        "updated_at",
        "enriched_at",
        "clean_text",
        "keywords",
        "language",
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

    def _enqueue(self, request, ids: list[int]) -> None:
        sent = sum(services.article_enqueue(article_id=article_id) for article_id in ids)
        EditorDecision.objects.create(
            user=request.user, action=EditorDecision.Action.REENRICH, details={"articles": ids}
        )
        if sent < len(ids):
            self.message_user(
                request, f"{len(ids) - sent} article(s) could not be queued: is the broker up?", messages.ERROR
            )
        self.message_user(request, f"Enrichment scheduled for {sent} article(s).", messages.SUCCESS)


class EntityAdmin(admin.ModelAdmin):
    list_display = ["name", "verified", "mention_count", "created_at"]
    list_filter = ["verified"]
    search_fields = ["name", "aliases__name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(mention_count=Count("mentions", distinct=True))

    @admin.display(ordering="mention_count", description="articles")
    def mention_count(self, entity) -> int:
        return entity.mention_count


class PersonAliasInline(admin.TabularInline):
    model = PersonAlias
    extra = 0
    fields = ["name"]


class OrganizationAliasInline(admin.TabularInline):
    model = OrganizationAlias
    extra = 0
    fields = ["name"]


class PlaceAliasInline(admin.TabularInline):
    model = PlaceAlias
    extra = 0
    fields = ["name"]


@admin.register(Person)
class PersonAdmin(EntityAdmin):
    inlines = [PersonAliasInline]


@admin.register(Organization)
class OrganizationAdmin(EntityAdmin):
    inlines = [OrganizationAliasInline]


@admin.register(Place)
class PlaceAdmin(EntityAdmin):
    inlines = [PlaceAliasInline]


@admin.register(Quote)
class QuoteAdmin(admin.ModelAdmin):
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
    list_filter = ["kind", "verified", "rejected", "article__language"]
    search_fields = ["text", "speaker_text", "speaker_person__name", "speaker_organization__name"]
    autocomplete_fields = ["article", "speaker_person", "speaker_organization"]
    list_select_related = ["speaker_person", "speaker_organization", "article"]

    @admin.display(description="text")
    def short_text(self, quote: Quote) -> str:
        return quote.text[:100]


@admin.register(Mention)
class MentionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "salience", "role", "verified"]
    list_filter = ["kind", "verified"]
    search_fields = ["person__name", "organization__name", "place__name", "article__title"]
    autocomplete_fields = ["article", "person", "organization", "place", "affiliation"]
    list_select_related = ["article", "person", "organization", "place"]


@admin.register(EditorDecision)
class EditorDecisionAdmin(admin.ModelAdmin):
    list_display = ["created_at", "user", "action"]
    list_filter = ["action", "user"]
    readonly_fields = ["created_at", "user", "action", "details"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
