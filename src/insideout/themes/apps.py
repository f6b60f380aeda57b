from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "insideout.themes"
    verbose_name = "Themes"

    def ready(self) -> None:
        from insideout.language import embeddings

        from .embedding_store import DatabaseStore

        # Embeddings of what is matched often (a catalogue's services) outlive the process.
        embeddings.use_store(DatabaseStore())
