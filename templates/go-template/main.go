// __PLUGIN_NAME__: template functions MockForge can call from response templates, e.g. {{uuid}}, {{upper name}}.
package main

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	mrand "math/rand/v2"
	"strings"

	mockforge "github.com/mockforge/plugin-studio/sdk/go"
	// Exports the wasm function(s) MockForge calls for this kind of plugin.
	_ "github.com/mockforge/plugin-studio/sdk/go/export/template"
)

var (
	first = []string{"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Margaret", "Linus", "Frances", "Ken"}
	last  = []string{"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Hamilton", "Torvalds", "Allen", "Thompson"}
)

type functions struct{}

func (functions) ListFunctions() []mockforge.FunctionDescriptor {
	return []mockforge.FunctionDescriptor{
		{Name: "uuid", Description: "A random UUID (version 4)", ReturnType: "string", Examples: []string{"{{uuid}}"}},
		{Name: "upper", Description: "The text in upper case", ReturnType: "string", Pure: true,
			Parameters: []mockforge.FunctionParameter{{Name: "text", ParamType: "string", Description: "text to convert", Required: true}},
			Examples:   []string{`{{upper "hello"}} → HELLO`}},
		{Name: "faker_name", Description: "A random full name", ReturnType: "string", Examples: []string{"{{faker_name}}"}},
	}
}

func (functions) ExecuteFunction(name string, args []json.RawMessage, ctx *mockforge.PluginContext) (any, error) {
	switch name {
	case "uuid":
		var b [16]byte
		if _, err := rand.Read(b[:]); err != nil {
			return nil, err
		}
		b[6] = b[6]&0x0f | 0x40 // version 4
		b[8] = b[8]&0x3f | 0x80 // variant 10xx
		return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:]), nil
	case "faker_name":
		return first[mrand.IntN(len(first))] + " " + last[mrand.IntN(len(last))], nil
	case "upper":
		var text string
		if len(args) != 1 || json.Unmarshal(args[0], &text) != nil {
			return nil, &mockforge.Error{Code: "bad_input", Message: "upper takes one string argument"}
		}
		return strings.ToUpper(text), nil
	}
	return nil, fmt.Errorf("unknown function '%s' (this plugin has uuid, upper, faker_name)", name)
}

// Register in init: a -buildmode=c-shared module runs package init (through _initialize), not main.
func init() { mockforge.ExportTemplatePlugin(functions{}) }

func main() {}
