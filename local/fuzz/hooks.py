"""schemathesis hooks of `make fuzz` (loaded by local/fuzz/schemathesis.toml).

OpenAPI cannot declare an Accept parameter (3.1, "Parameter Object": it is ignored), yet every public GET negotiates
its media type (406 in docs/openapi.yaml) and a malformed Accept reaches every handler. So each generated request
gets, besides what the document generates, an Accept header drawn from valid and malformed values, or none.
(No value starts with white space: the HTTP client refuses to send those.)
"""

from hypothesis import strategies as st

import schemathesis

ACCEPT = [
    "*/*",
    "application/json",
    "application/problem+json",
    "application/ld+json",
    "application/ld+json, application/json;q=0.5",
    "text/calendar",
    "application/atom+xml",
    "text/html",
    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "text/*",
    "application/*",
    "application/json;q=0",
    "*/*;q=0",
    "application/json; charset=utf-8",
    "application/json;q=0.5;level=1",
    "application/json;q=abc",
    "application/json;q=2",
    "application/json;q=-1",
    "application/json;q=",
    "application/json;;",
    ";;;",
    ",,,",
    ";q=1",
    "application",
    "/",
    "*",
    "=",
    "application/json, ",
    "APPLICATION/JSON",
    "a" * 2000,
]


@schemathesis.hook
def flatmap_case(context, case):
    def with_accept(accept):
        if accept is None:
            case.headers.pop("Accept", None)
        else:
            case.headers["Accept"] = accept
        return case

    return st.one_of(st.none(), st.sampled_from(ACCEPT)).map(with_accept)
