import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from newsroom.articles.models import Article, RelatedDocument
from newsroom.contacts.models import Contact
from newsroom.core import roles
from newsroom.donors.models import Donor, DonorAlias
from newsroom.statements.models import Statement


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@newsroom.example.org")
    is_staff = True
    password = factory.PostGenerationMethodCall("set_password", "pass-word-123")

    @factory.post_generation
    def group(self, create, name, **kwargs):
        if create and name:
            self.groups.add(Group.objects.get(name=name))
        if create:
            self.save()


def editor(username: str = "editor"):
    return UserFactory(username=username, group=roles.EDITORS)


def reviewer(username: str = "reviewer"):
    return UserFactory(username=username, group=roles.REVIEWERS)


class DonorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Donor

    name_en = factory.Sequence(lambda n: f"Government of Testland {n}")
    short_name = factory.Sequence(lambda n: f"Testland{n}")
    kind = Donor.Kind.GOVERNMENT
    country = "JP"
    acknowledgement_en = "Made possible by the people of Testland."


class DonorAliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DonorAlias

    donor = factory.SubFactory(DonorFactory)
    alias = factory.Sequence(lambda n: f"Testland alias {n}")


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    name = factory.Sequence(lambda n: f"Press Officer {n}")
    role_en = "Communications Officer"
    phone = "+964 750 123 4567"
    email = factory.Sequence(lambda n: f"press{n}@newsroom.example.org")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    kind = Article.Kind.PRESS_RELEASE
    title_en = factory.Sequence(lambda n: f"Clean water reaches families in Ninewa, part {n}")
    summary_en = "Water trucking ends as a repaired network serves returnees."
    body_en = "<p>Families in returning villages now have running water.</p>"
    dateline_en = "Mosul"


class RelatedDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RelatedDocument

    article = factory.SubFactory(ArticleFactory)
    title_en = "Situation report"
    url = "https://newsroom.example.org/docs/sitrep.pdf"


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    speaker_name = "Rana Aziz"
    speaker_title_en = "Chief of Mission"
    occasion_en = "World Refugee Day"
    title_en = factory.Sequence(lambda n: f"Statement by the Chief of Mission on World Refugee Day {n}")
    body_en = "<p>We stand with every family forced from home.</p>"
