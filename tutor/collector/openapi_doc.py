"""OpenAPI 3.0 description of the collector's API, served at ``/openapi.json``.

Written by hand because the batch body is gzip'd JSON, which no framework's generator
describes; docs/sync.md explains each field in prose.
"""

from __future__ import annotations

_ERROR = {
    "type": "object",
    "required": ["error", "detail"],
    "properties": {"error": {"type": "string"}, "detail": {"type": "string"}},
}
_ACK = {
    "type": "object",
    "required": ["acked", "chain"],
    "properties": {
        "dev": {"type": "string"},
        "acked": {"type": "integer", "minimum": 0},
        "chain": {"type": "string"},
        "at": {"type": "integer"},
        "at_chain": {"type": "string", "nullable": True},
        "server_time": {"type": "integer"},
    },
}
_AUTH = [{"token": []}]


def _err(*codes: int) -> dict:
    return {
        str(c): {"description": "refused", "content": {"application/json": {"schema": _ERROR}}}
        for c in codes
    }


OPENAPI: dict = {
    "openapi": "3.0.3",
    "info": {"title": "tutor progress collector", "version": "1"},
    "components": {"securitySchemes": {"token": {"type": "http", "scheme": "bearer"}}},
    "paths": {
        "/v1/enrol": {
            "post": {
                "summary": "Exchange a one-time enrolment code for a device token",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["code", "dev"],
                                "properties": {
                                    "code": {"type": "string", "maxLength": 64},
                                    "dev": {"type": "string", "pattern": "^[0-9A-Za-z_-]{1,64}$"},
                                },
                            }
                        }
                    },
                },
                "responses": {
                    "200": {"description": "enrolled"},
                    **_err(400, 403, 413),
                },
            }
        },
        "/v1/batches": {
            "post": {
                "summary": "Upload one batch (gzip'd JSON, the same bytes as a USB bundle)",
                "security": _AUTH,
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"type": "string", "format": "binary"}}
                    },
                },
                "responses": {
                    "200": {
                        "description": "stored",
                        "content": {"application/json": {"schema": _ACK}},
                    },
                    **_err(400, 401, 403, 409, 413, 503),
                },
            }
        },
        "/v1/devices/{dev}/ack": {
            "get": {
                "summary": "Highest contiguous seq held for a stream, and its chain",
                "security": _AUTH,
                "parameters": [
                    {"name": "dev", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"name": "at", "in": "query", "required": False, "schema": {"type": "integer"}},
                ],
                "responses": {
                    "200": {
                        "description": "ack",
                        "content": {"application/json": {"schema": _ACK}},
                    },
                    **_err(400, 401, 403),
                },
            }
        },
        "/v1/health": {"get": {"summary": "Liveness", "responses": {"200": {"description": "ok"}}}},
    },
}
