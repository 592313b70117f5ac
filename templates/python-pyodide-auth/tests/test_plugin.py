"""Unit tests of the plugin, run natively with pytest: `python3 -m pytest`. The same requests run under Pyodide with
`mockforge-plugin test`."""
import asyncio

from mockforge_plugin import AuthCredentials, PluginContext

from plugin import TokenAuth


def authenticate(headers, cred_type, token):
    context = PluginContext(method="GET", uri="/api/orders", headers=headers)
    return asyncio.run(TokenAuth().authenticate(context, AuthCredentials(type=cred_type, token=token)))


def test_valid_bearer_token_is_accepted_with_claims(config):
    config["user_id"] = "alice"
    result = authenticate({"Authorization": "Bearer letmein"}, "bearer", "letmein")
    assert result.authenticated
    assert result.user_id == "alice"
    assert result.claims["auth_method"] == "bearer"


def test_api_key_header_is_accepted(config):
    result = authenticate({"x-api-key": "letmein"}, "api_key", "")
    assert result.authenticated
    assert result.claims["auth_method"] == "api_key"


def test_wrong_token_is_denied(config):
    result = authenticate({}, "bearer", "guess")
    assert not result.authenticated
    assert result.error_message == "invalid token"


def test_without_a_configured_token_everything_is_denied(config):
    config["token"] = ""
    assert not authenticate({}, "bearer", "letmein").authenticated
