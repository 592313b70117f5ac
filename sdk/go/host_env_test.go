//go:build !wasip1 || mockforge_command

package mockforge

import "testing"

func TestEnvHostReadsCommandModeConfig(t *testing.T) {
	t.Setenv("MOCKFORGE_CONFIG", `{"token":"abc","retries":3}`)
	var h envHost
	if v, ok := h.configGet("token"); !ok || v != "abc" {
		t.Fatalf("token: %q %v", v, ok)
	}
	if v, ok := h.configGet("retries"); !ok || v != "3" {
		t.Fatalf("number as JSON text: %q %v", v, ok)
	}
	if _, ok := h.configGet("missing"); ok {
		t.Fatal("missing key reported as set")
	}
}
