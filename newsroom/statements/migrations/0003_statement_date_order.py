from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("statements", "0002_admin_search_trigram_index")]

    operations = [
        migrations.AddIndex(
            model_name="statement",
            index=models.Index(fields=["date", "created_at"], name="statement_date_order"),
        ),
    ]
