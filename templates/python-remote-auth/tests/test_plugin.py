"""Unit tests of the plugin, run in-process with pytest (no server needed): `python3 -m pytest`."""
import asyncio

from mockforge_plugin import AuthCredentials, PluginContext

from plugin import TokenAuth


def authenticate(plugin, headers, cred_type, token):
    context = PluginContext(method="GET", uri="/api/orders", headers=headers)
    return asyncio.run(plugin.authenticate(context, AuthCredentials(type=cred_type, token=token)))


def test_valid_bearer_token_is_accepted_with_claims():
    result = authenticate(TokenAuth("letmein", "alice"), {"Authorization": "Bearer letmein"}, "bearer", "letmein")
    assert result.authenticated
    assert result.user_id == "alice"
    assert result.claims["sub"] == "alice"
    assert result.claims["auth_method"] == "bearer"


def test_api_key_header_is_accepted():
    result = authenticate(TokenAuth("letmein"), {"x-api-key": "letmein"}, "api_key", "")
    assert result.authenticated
    assert result.claims["auth_method"] == "api_key"


def test_wrong_token_is_denied():
    result = authenticate(TokenAuth("letmein"), {}, "bearer", "guess")
    assert not result.authenticated
    assert result.error_message == "invalid token"


def test_missing_credentials_are_denied():
    result = authenticate(TokenAuth("letmein"), {}, "bearer", "")
    assert not result.authenticated
    assert "missing credentials" in result.error_message


def test_a_plugin_without_a_token_denies_everything():
    assert not authenticate(TokenAuth(""), {}, "bearer", "").authenticated
