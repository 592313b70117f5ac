package main

import (
	"testing"

	mockforge "github.com/mockforge/plugin-studio/sdk/go"
)

// Runs natively (`go test ./...`): outside wasm the SDK reads configuration from MOCKFORGE_CONFIG.
func TestAuthenticate(t *testing.T) {
	t.Setenv("MOCKFORGE_CONFIG", `{"token":"letmein","user_id":"ann"}`)
	cases := []struct {
		name string
		ctx  mockforge.PluginContext
		cred mockforge.AuthCredentials
		ok   bool
	}{
		{"bearer", mockforge.PluginContext{}, mockforge.AuthCredentials{Type: "bearer", Token: ptr("letmein")}, true},
		{"wrong", mockforge.PluginContext{}, mockforge.AuthCredentials{Type: "bearer", Token: ptr("guess")}, false},
		{"api key header", mockforge.PluginContext{Headers: map[string]string{"x-api-key": "letmein"}}, mockforge.AuthCredentials{}, true},
		{"nothing", mockforge.PluginContext{}, mockforge.AuthCredentials{}, false},
	}
	for _, c := range cases {
		res, err := tokenAuth{}.Authenticate(&c.ctx, &c.cred)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if res.Authenticated != c.ok {
			t.Errorf("%s: authenticated = %v, want %v (%s)", c.name, res.Authenticated, c.ok, mockforge.Deref(res.ErrorMessage))
		}
		if c.ok && mockforge.Deref(res.UserID) != "ann" {
			t.Errorf("%s: user_id = %q", c.name, mockforge.Deref(res.UserID))
		}
	}
}

func ptr(s string) *string { return &s }
