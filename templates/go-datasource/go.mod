module example.com/__PLUGIN_ID__

go 1.24

require github.com/mockforge/plugin-studio/sdk/go v0.0.0

// The SDK is copied into lib/ by `mockforge-plugin new`, so the project builds offline.
replace github.com/mockforge/plugin-studio/sdk/go => ./lib/mockforge-sdk-go
