module github.com/mockforge/plugin-studio/sdk/go

go 1.24
