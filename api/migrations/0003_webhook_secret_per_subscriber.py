import secrets

from django.db import migrations


def give_each_its_own_secret(apps, schema_editor):
    """Adding the field gave every existing subscriber the same default."""
    Subscriber = apps.get_model("api", "Subscriber")
    for subscriber in Subscriber.objects.only("pk"):
        subscriber.webhook_secret = secrets.token_hex(32)
        subscriber.save(update_fields=["webhook_secret"])


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0002_webhook_push"),
    ]

    operations = [
        migrations.RunPython(give_each_its_own_secret, migrations.RunPython.noop),
    ]
