// __PLUGIN_NAME__: accepts a request whose bearer token (or X-API-Key header) equals the configured `token`.
package main

import (
	"crypto/subtle"
	"strings"

	mockforge "github.com/mockforge/plugin-studio/sdk/go"
	// Exports the wasm function(s) MockForge calls for this kind of plugin.
	_ "github.com/mockforge/plugin-studio/sdk/go/export/auth"
)

// setting is a configuration value, or fallback when it is unset or empty.
func setting(key, fallback string) string {
	if v, ok := mockforge.ConfigGet(key); ok && v != "" {
		return v
	}
	return fallback
}

type tokenAuth struct{}

func (tokenAuth) Authenticate(ctx *mockforge.PluginContext, cred *mockforge.AuthCredentials) (*mockforge.AuthResult, error) {
	secret := setting("token", "")
	if secret == "" {
		return mockforge.Deny("the plugin has no `token` configured"), nil
	}
	// MockForge passes the parsed credentials; fall back to the raw headers for clients that send an API key.
	presented, method := mockforge.Deref(cred.Token), cred.Type
	if method == "" {
		method = "bearer"
	}
	if presented == "" {
		if key := mockforge.Header(ctx.Headers, "X-API-Key"); key != "" {
			presented, method = key, "api_key"
		} else if authz := mockforge.Header(ctx.Headers, "Authorization"); strings.HasPrefix(authz, "Bearer ") {
			presented = strings.TrimPrefix(authz, "Bearer ")
		}
	}
	if presented == "" {
		return mockforge.Deny("missing credentials: send Authorization: Bearer <token> or X-API-Key"), nil
	}
	if subtle.ConstantTimeCompare([]byte(presented), []byte(secret)) != 1 {
		return mockforge.Deny("invalid token"), nil
	}
	user := setting("user_id", "demo-user")
	mockforge.Log(mockforge.LevelInfo, "authenticated %s for %s %s", user, ctx.Method, ctx.URI)
	return mockforge.Allow(user, map[string]any{
		"sub":         user,
		"auth_method": method,
		"scopes":      []string{"read", "write"},
	}), nil
}

// Register in init: a -buildmode=c-shared module runs package init (through _initialize), not main.
func init() { mockforge.ExportAuthPlugin(tokenAuth{}) }

func main() {}
