// Package datasource exports the core-ABI function(s) of the plugin kind "datasource": query.
// Import it for its side effect next to mockforge.Export…Plugin:
//
//	import _ "github.com/mockforge/plugin-studio/sdk/go/export/datasource"
package datasource
