"""The open-data JSON API at /api/v1/ (django-ninja).

One pagination (`CivicPagination`: `?page=` and `?page_size=`, answer
`{"count", "page", "pages", "next", "previous", "results"}`) and one error format
(`{"error": {"status", "code", "message", "details"}}`) for every endpoint. Each app adds
its router on `civic.hooks.API_ROUTERS`; endpoints are read-only and public unless they say
otherwise.

Errors never come as HTML: the ninja handlers below answer in that format, and
`civic.middleware.ApiErrorsMiddleware` turns Django's own 404 (no such route) and 405 (wrong
method) under the API into it, as `civic.middleware.RefuseNulMiddleware` does for a NUL byte
(400). The OpenAPI schema documents these answers on every operation (`ERROR_RESPONSES`).
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from civic.hooks import api_routers_collect

# Documented on every operation of the schema, in the one error format.
ERROR_RESPONSES = {
    400: "Requête invalide (par exemple un caractère nul dans un paramètre).",
    404: "Ressource ou page introuvable.",
    405: "Méthode non autorisée (l'API se lit en GET ou HEAD).",
    422: "Paramètres invalides ; `details` dit lesquels et pourquoi.",
}
ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "code", "message", "details"],
            "properties": {
                "status": {"type": "integer", "description": "Le code HTTP."},
                "code": {"type": "string", "description": "Code stable (not_found, invalid…)."},
                "message": {"type": "string", "description": "Message lisible."},
                "details": {"type": "array", "items": {}, "description": "Précisions."},
            },
        }
    },
}


class CivicNinjaAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        ref = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        for methods in schema["paths"].values():
            for operation in methods.values():
                responses = operation.setdefault("responses", {})
                for status, description in ERROR_RESPONSES.items():
                    responses[status] = {"description": description, **ref}
        return schema


def error_body(*, status: int, code: str, message: str, details=None) -> dict:
    return {"error": {"status": status, "code": code, "message": message, "details": details or []}}


def error_json(*, status: int, code: str, message: str, details=None) -> JsonResponse:
    """An error in the API's format, for code outside ninja (middleware)."""
    body = error_body(status=status, code=code, message=message, details=details)
    return JsonResponse(body, status=status)


api = CivicNinjaAPI(
    title="Civic API",
    version="1",
    description="Données ouvertes de la plateforme de participation (JSON).",
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
)


def error_response(request, *, status: int, code: str, message: str, details=None):
    body = error_body(status=status, code=code, message=message, details=details)
    return api.create_response(request, body, status=status)


@api.exception_handler(ValidationError)
def on_validation_error(request, exc):
    return error_response(
        request, status=422, code="invalid", message="Paramètres invalides.", details=exc.errors
    )


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return error_response(request, status=404, code="not_found", message="Ressource introuvable.")


@api.exception_handler(AuthenticationError)
def on_authentication_error(request, exc):
    return error_response(
        request, status=401, code="unauthenticated", message="Authentification requise."
    )


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    return error_response(
        request, status=403, code="forbidden", message=str(exc) or "Accès refusé."
    )


@api.exception_handler(DjangoValidationError)
def on_service_validation_error(request, exc):
    """A service refused the input (`full_clean()`): a 422, never a 500."""
    details = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    return error_response(
        request,
        status=422,
        code="invalid",
        message="Données invalides.",
        details=[{"loc": [field], "msg": " ".join(msgs)} for field, msgs in details.items()],
    )


HTTP_ERROR_CODES = {
    400: "bad_request",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    429: "too_many_requests",
}


@api.exception_handler(HttpError)
def on_http_error(request, exc):
    return error_response(
        request,
        status=exc.status_code,
        code=HTTP_ERROR_CODES.get(exc.status_code, "error"),
        message=str(exc),
    )


for mounted in api_routers_collect():
    api.add_router(mounted.prefix, mounted.router, tags=mounted.tags)
