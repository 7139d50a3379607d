"""Domain errors. The UI and API turn them into messages and status codes."""


class DomainError(Exception):
    """Base class: the message is safe to show to the user."""


class NotFound(DomainError):
    pass


class Forbidden(DomainError):
    pass


class PaymentRequired(DomainError):
    pass


class InvalidInput(DomainError):
    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class ProviderError(DomainError):
    pass
