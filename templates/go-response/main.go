// __PLUGIN_NAME__: answers GET /orders/{id} with a generated order, and anything else with 404 — from request data.
package main

import (
	"strings"

	mockforge "github.com/mockforge/plugin-studio/sdk/go"
	// Exports the wasm function(s) MockForge calls for this kind of plugin.
	_ "github.com/mockforge/plugin-studio/sdk/go/export/response"
)

// order's field order is the JSON order of the response body.
type order struct {
	ID       string  `json:"id"`
	Status   string  `json:"status"`
	Items    int     `json:"items"`
	Total    float64 `json:"total"`
	Currency string  `json:"currency"`
}

type notFound struct {
	Error   string `json:"error"`
	Message string `json:"message"`
}

// orderID is the id path parameter, else the last segment of /orders/<id>, else "".
func orderID(req *mockforge.ResponseRequest) string {
	if id := req.PathParams["id"]; id != "" {
		return id
	}
	p := req.Path
	if p == "" {
		p = req.URI
	}
	p, _, _ = strings.Cut(p, "?")
	parts := strings.Split(p, "/")
	if len(parts) >= 3 && parts[len(parts)-2] == "orders" {
		return parts[len(parts)-1]
	}
	return ""
}

type orders struct{}

func (orders) GenerateResponse(ctx *mockforge.PluginContext, req *mockforge.ResponseRequest) (*mockforge.ResponseData, error) {
	id := orderID(req)
	if req.Method != "GET" || id == "" {
		// A struct, not a map: encoding/json sorts map keys, and the body's bytes are the same in every SDK.
		return mockforge.JSONResponse(404, notFound{Error: "not_found", Message: "no mock for " + req.Method + " " + req.URI})
	}
	// Deterministic data from the id, so the same request always gets the same order.
	seed := 0
	for _, c := range []byte(id) {
		seed = (seed*31 + int(c)) & 0xffff
	}
	items := 1 + seed%3
	status := "processing"
	if seed%2 == 0 {
		status = "shipped"
	}
	res, err := mockforge.JSONResponse(200, order{ID: id, Status: status, Items: items, Total: float64(items*1999) / 100,
		Currency: mockforge.ConfigGetOr("currency", "EUR")})
	if err != nil {
		return nil, err
	}
	res.Headers["cache-control"] = "no-store"
	res.Headers["x-mock-source"] = "__PLUGIN_ID__"
	return res, nil
}

// Register in init: a -buildmode=c-shared module runs package init (through _initialize), not main.
func init() { mockforge.ExportResponsePlugin(orders{}) }

func main() {}
