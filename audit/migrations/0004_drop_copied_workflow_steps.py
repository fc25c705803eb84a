"""Workflow steps were copied into the audit entries; the trail now reads
them from the workflow (`WorkflowStep`). The copies of pieces that still
exist go; those of purged pieces are their only record and stay."""

from django.db import migrations


def drop_copies(apps, schema_editor):
    AuditEntry = apps.get_model("audit", "AuditEntry")
    Article = apps.get_model("articles", "Article")
    copies = list(
        AuditEntry.objects.filter(
            kind="workflow", target_type="articles.Article"
        ).values_list("pk", "target_id")
    )
    targets = sorted({int(target) for _pk, target in copies if target.isdecimal()})
    existing = set()
    for start in range(0, len(targets), 500):
        chunk = targets[start : start + 500]
        existing |= {
            str(pk)
            for pk in Article._base_manager.filter(pk__in=chunk).values_list(
                "pk", flat=True
            )
        }
    ids = [pk for pk, target in copies if target in existing]
    for start in range(0, len(ids), 500):
        AuditEntry.objects.filter(pk__in=ids[start : start + 500]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_workflow_steps_read_from_the_workflow"),
    ]

    operations = [
        migrations.RunPython(drop_copies, migrations.RunPython.noop),
    ]
