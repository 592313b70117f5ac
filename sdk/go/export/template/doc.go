// Package template exports the core-ABI function(s) of the plugin kind "template": list_functions execute_function.
// Import it for its side effect next to mockforge.Export…Plugin:
//
//	import _ "github.com/mockforge/plugin-studio/sdk/go/export/template"
package template
