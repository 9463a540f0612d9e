from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Source(models.Model):
    """A publisher or feed that posts articles to its own signed webhook."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    webhook_secret = models.CharField(max_length=200, help_text="Standard Webhooks signing secret (whsec_...).")
    webhook_secret_previous = models.CharField(
        max_length=200, blank=True, help_text="During a secret rotation, the old secret is still accepted."
    )
    is_active = models.BooleanField(default=True)
    feed_url = models.URLField(
        max_length=2000, blank=True, help_text="RSS or Atom feed polled for new and changed articles (optional)."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.name or self.slug

    @property
    def webhook_secrets(self) -> list[str]:
        return [secret for secret in (self.webhook_secret, self.webhook_secret_previous) if secret]


class Article(models.Model):
    """A news article as received from a source, with its enrichment state and results."""

    class Status(models.TextChoices):
        RECEIVED = "RECEIVED", "received"
        QUEUED = "QUEUED", "queued"
        ENRICHING = "ENRICHING", "enriching"
        ENRICHED = "ENRICHED", "enriched"
        FAILED = "FAILED", "failed"

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="articles")
    external_id = models.CharField(max_length=255)
    url = models.URLField(max_length=2000, blank=True)
    title = models.CharField(max_length=1000)
    body = models.TextField(help_text="The body as delivered (sanitised HTML or plain text).")
    clean_text = models.TextField(blank=True, help_text="The body without markup or boilerplate; offsets index it.")
    language = models.CharField(max_length=8, blank=True)
    language_hint = models.CharField(max_length=8, blank=True, help_text="The language the sender declared.")
    authors = models.JSONField(default=list, blank=True)
    keywords = models.JSONField(default=list, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    content_hash = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.RECEIVED)
    status_changed_at = models.DateTimeField(default=timezone.now)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    pipeline_version = models.CharField(max_length=32, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    enriched_at = models.DateTimeField(null=True, blank=True)
    # Title and clean text for full-text search on PostgreSQL (GIN-indexed there; unused on SQLite).
    search_vector = SearchVectorField(null=True, editable=False)
    people = models.ManyToManyField("Person", through="Mention", through_fields=("article", "person"), blank=True)
    organizations = models.ManyToManyField(
        "Organization", through="Mention", through_fields=("article", "organization"), blank=True
    )
    places = models.ManyToManyField("Place", through="Mention", through_fields=("article", "place"), blank=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["source", "external_id"], name="article_unique_per_source")]
        indexes = [
            models.Index(fields=["-published_at", "-id"], name="article_published_idx"),
            # On PostgreSQL, article_recent_idx (published_at DESC NULLS LAST, id DESC) serves the entity pages'
            # newest-first order; SQLite cannot declare it (migration 0005).
            models.Index(fields=["status", "status_changed_at"], name="article_status_idx"),
        ]

    def __str__(self) -> str:
        return self.title


class ArticleVersion(models.Model):
    """A previous version of an article's text, kept when its source sends changed content."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="versions")
    title = models.CharField(max_length=1000)
    body = models.TextField()
    content_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.created_at:%Y-%m-%d %H:%M})"


class WebhookDelivery(models.Model):
    """One accepted webhook delivery, kept so a replayed webhook-id returns the same article and enqueues nothing."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="deliveries")
    webhook_id = models.CharField(max_length=255)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="deliveries")
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_at"]
        constraints = [models.UniqueConstraint(fields=["source", "webhook_id"], name="delivery_unique_per_source")]
        verbose_name_plural = "webhook deliveries"

    def __str__(self) -> str:
        return self.webhook_id


class Entity(models.Model):
    """Shared fields of the canonical records that articles mention."""

    name = models.CharField(max_length=300)
    normalized_name = models.CharField(max_length=300, db_index=True, editable=False)
    description = models.TextField(blank=True)
    verified = models.BooleanField(default=False, help_text="Checked by an editor.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["name", "id"]  # the id breaks ties between namesakes, so pages never skip or repeat

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        from articles.enrichment import normalize_name

        self.normalized_name = normalize_name(self.name)
        super().save(*args, **kwargs)


class Person(Entity):
    """A canonical person, shared by every article that mentions them."""

    class Meta(Entity.Meta):
        verbose_name_plural = "people"


class Organization(Entity):
    """A canonical organization (institution, company, party, outlet), shared across articles."""


class Place(Entity):
    """A canonical place (country, city, region), shared across articles."""


class Alias(models.Model):
    """Shared fields of a name by which an entity is also known."""

    name = models.CharField(max_length=300)
    normalized_name = models.CharField(max_length=300, db_index=True, editable=False)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        from articles.enrichment import normalize_name

        self.normalized_name = normalize_name(self.name)
        super().save(*args, **kwargs)


class PersonAlias(Alias):
    """Another name of a person ("Medvedev" for "Dmitri Medvedev")."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")

    class Meta(Alias.Meta):
        constraints = [models.UniqueConstraint(fields=["person", "normalized_name"], name="person_alias_unique")]


class OrganizationAlias(Alias):
    """Another name of an organization ("ONU" for "Naciones Unidas")."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="aliases")

    class Meta(Alias.Meta):
        constraints = [
            models.UniqueConstraint(fields=["organization", "normalized_name"], name="organization_alias_unique")
        ]


class PlaceAlias(Alias):
    """Another name of a place."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="aliases")

    class Meta(Alias.Meta):
        constraints = [models.UniqueConstraint(fields=["place", "normalized_name"], name="place_alias_unique")]


class Mention(models.Model):
    """The link from an article to one entity it mentions, with every occurrence's offsets in the clean text."""

    class Kind(models.TextChoices):
        PERSON = "person", "person"
        ORGANIZATION = "organization", "organization"
        PLACE = "place", "place"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="mentions")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE, related_name="mentions")
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="mentions"
    )
    place = models.ForeignKey(Place, null=True, blank=True, on_delete=models.CASCADE, related_name="mentions")
    surface_forms = models.JSONField(default=list, blank=True, help_text="The names as written in this article.")
    offsets = models.JSONField(default=list, blank=True, help_text="[[start, end], ...] in the clean text.")
    salience = models.FloatField(default=0.0)
    role = models.CharField(max_length=300, blank=True, help_text="The role as this article states it.")
    affiliation = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="affiliated_mentions"
    )
    verified = models.BooleanField(default=False, help_text="Checked by an editor; kept on re-enrichment.")
    pipeline_version = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["-salience", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="person", person__isnull=False, organization__isnull=True, place__isnull=True)
                    | Q(kind="organization", person__isnull=True, organization__isnull=False, place__isnull=True)
                    | Q(kind="place", person__isnull=True, organization__isnull=True, place__isnull=False)
                ),
                name="mention_exactly_one_entity",
            ),
            models.UniqueConstraint(fields=["article", "person"], name="mention_unique_person"),
            models.UniqueConstraint(fields=["article", "organization"], name="mention_unique_organization"),
            models.UniqueConstraint(fields=["article", "place"], name="mention_unique_place"),
        ]

    def __str__(self) -> str:
        return f"{self.entity} in {self.article_id}"

    @property
    def entity(self) -> Person | Organization | Place:
        return self.person or self.organization or self.place


class Quote(models.Model):
    """A direct, partial or reported statement in an article, and who made it."""

    class Kind(models.TextChoices):
        DIRECT = "direct", "direct"
        PARTIAL = "partial", "partial"
        INDIRECT = "indirect", "indirect"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField()
    kind = models.CharField(max_length=8, choices=Kind.choices)
    speaker_person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes")
    speaker_organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="quotes"
    )
    speaker_text = models.CharField(max_length=300, blank=True, help_text="The speaker as written in the text.")
    cue = models.CharField(max_length=100, blank=True, help_text="The reporting verb or frame.")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    confidence = models.FloatField(default=0.0)
    verified = models.BooleanField(default=False, help_text="Checked by an editor; kept on re-enrichment.")
    rejected = models.BooleanField(default=False, help_text="Marked by an editor as not a quote.")
    pipeline_version = models.CharField(max_length=32, blank=True)

    class Meta:
        ordering = ["article_id", "start", "id"]  # the id breaks ties, so pages by offset never skip or repeat
        constraints = [
            models.CheckConstraint(
                condition=Q(speaker_person__isnull=True) | Q(speaker_organization__isnull=True),
                name="quote_at_most_one_speaker",
            ),
        ]
        indexes = [models.Index(fields=["speaker_person", "-id"], name="quote_speaker_person_idx")]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def speaker(self) -> Person | Organization | None:
        return self.speaker_person or self.speaker_organization


class EditorDecision(models.Model):
    """A correction made by an editor (who, when, what), kept as the audit trail of manual changes."""

    class Action(models.TextChoices):
        MERGE = "merge", "merge entities"
        VERIFY_QUOTE = "verify_quote", "verify quote"
        REJECT_QUOTE = "reject_quote", "mark as not a quote"
        REENRICH = "reenrich", "re-run enrichment"

    user = models.ForeignKey("auth.User", null=True, blank=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=20, choices=Action.choices)
    details = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} by {self.user or 'system'} at {self.created_at:%Y-%m-%d %H:%M}"


def _subscriber_secret() -> str:
    from articles.webhooks import webhook_secret_generate

    return webhook_secret_generate()


def _all_event_types() -> list[str]:
    return list(Subscriber.EventType.values)


class Subscriber(models.Model):
    """A receiver of outgoing webhooks: the events it chose are posted to its URL, signed with its secret."""

    class EventType(models.TextChoices):
        ARTICLE_ENRICHED = "article.enriched", "article enriched"
        ARTICLE_UPDATED = "article.updated", "article updated"
        QUOTE_VERIFIED = "quote.verified", "quote verified"

    name = models.CharField(max_length=200)
    url = models.URLField(max_length=2000)
    secret = models.CharField(
        max_length=200, default=_subscriber_secret, help_text="Standard Webhooks signing secret (whsec_...)."
    )
    event_types = models.JSONField(default=_all_event_types, blank=True, help_text="The event types it receives.")
    is_active = models.BooleanField(default=True)
    consecutive_failures = models.PositiveIntegerField(
        default=0, help_text="Deliveries in a row that failed every attempt; reset by a success."
    )
    disabled_at = models.DateTimeField(null=True, blank=True, help_text="When it was disabled for failing.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class WebhookEvent(models.Model):
    """One event sent to one subscriber, with the outcome of every attempt: the outgoing delivery log."""

    class Status(models.TextChoices):
        PENDING = "pending", "pending"
        DELIVERED = "delivered", "delivered"
        FAILED = "failed", "failed"

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="events")
    event_type = models.CharField(max_length=40, choices=Subscriber.EventType.choices)
    message_id = models.CharField(max_length=64, unique=True, help_text="The webhook-id, the same on every attempt.")
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_status_code = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    attempt_log = models.JSONField(default=list, blank=True, help_text="[{at, status_code, error}] per attempt.")
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["subscriber", "-created_at"], name="webhook_event_subscriber_idx")]

    def __str__(self) -> str:
        return f"{self.event_type} to {self.subscriber_id} ({self.status})"
