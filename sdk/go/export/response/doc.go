// Package response exports the core-ABI function(s) of the plugin kind "response": generate_response.
// Import it for its side effect next to mockforge.Export…Plugin:
//
//	import _ "github.com/mockforge/plugin-studio/sdk/go/export/response"
package response
