"""The genres a series can have (the home rails and genre pages follow this list)."""

GENRES: tuple[str, ...] = (
    "Romance",
    "Revenge",
    "Billionaire",
    "Thriller",
    "Fantasy",
    "Comedy",
    "Mystery",
    "Drama",
)
LANGUAGES: dict[str, str] = {
    "en": "English",
    "es": "Spanish",
    "pt": "Portuguese",
    "fr": "French",
    "de": "German",
    "hi": "Hindi",
    "id": "Indonesian",
    "ja": "Japanese",
    "ko": "Korean",
    "zh": "Chinese",
}
