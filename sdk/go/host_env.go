//go:build !wasip1 || mockforge_command

package mockforge

import (
	"encoding/json"
	"fmt"
	"os"
)

// envHost serves command-mode programs (docs/abi.md §6: configuration in MOCKFORGE_CONFIG, logs on stderr) and
// native builds.
type envHost struct{}

func init() { host = envHost{} }

func (envHost) log(level LogLevel, message string) {
	fmt.Fprintf(os.Stderr, "[%s] %s\n", levelName(level), message)
}

func (envHost) configGet(key string) (string, bool) {
	var config map[string]json.RawMessage
	if json.Unmarshal([]byte(os.Getenv("MOCKFORGE_CONFIG")), &config) != nil {
		return "", false
	}
	raw, ok := config[key]
	if !ok {
		return "", false
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s, true
	}
	return string(raw), true // numbers, booleans, objects: their JSON text, as config_get gives them
}

func (envHost) httpFetch([]byte) []byte {
	return errorReply("capability_denied", "http_fetch needs the mockforge.http_fetch import (build as a reactor with -buildmode=c-shared)")
}

func levelName(level LogLevel) string {
	switch level {
	case LevelTrace:
		return "trace"
	case LevelDebug:
		return "debug"
	case LevelWarn:
		return "warn"
	case LevelError:
		return "error"
	}
	return "info"
}
