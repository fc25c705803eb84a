from django.db import migrations


def mark_ready(apps, schema_editor):
    # Images stored before the worker made renditions had them made on
    # save, inside the upload request: they are ready.
    Image = apps.get_model("images", "Image")
    Image.objects.update(renditions_status="ready")


class Migration(migrations.Migration):
    dependencies = [("images", "0006_image_renditions_status")]

    operations = [migrations.RunPython(mark_ready, migrations.RunPython.noop)]
