package mockforge

import (
	"encoding/json"
	"fmt"
)

// LogLevel of a host log line.
type LogLevel int32

const (
	LevelTrace LogLevel = 0
	LevelDebug LogLevel = 1
	LevelInfo  LogLevel = 2
	LevelWarn  LogLevel = 3
	LevelError LogLevel = 4
)

// hostFuncs is what the plugin can ask of MockForge: the mockforge.* imports in a reactor, environment and stderr
// in command mode, and a fake in the native unit tests.
type hostFuncs interface {
	log(level LogLevel, message string)
	configGet(key string) (string, bool)
	httpFetch(request []byte) []byte
}

// host is set by init in host_imports.go (reactor) or host_env.go (command mode, native).
var host hostFuncs

// Log writes a line to the host's log stream.
func Log(level LogLevel, format string, args ...any) {
	host.log(level, fmt.Sprintf(format, args...))
}

// ConfigGet returns a configuration value (the manifest's default overlaid by the user's value) and whether it is set.
func ConfigGet(key string) (string, bool) {
	return host.configGet(key)
}

// ConfigGetOr returns the value of key, or fallback when it is unset.
func ConfigGetOr(key, fallback string) string {
	if v, ok := host.configGet(key); ok {
		return v
	}
	return fallback
}

// HTTPRequest is one outbound request (needs capabilities.network in plugin.yaml).
type HTTPRequest struct {
	Method    string            `json:"method,omitempty"`
	URL       string            `json:"url"`
	Headers   map[string]string `json:"headers,omitempty"`
	Body      string            `json:"body,omitempty"`
	TimeoutMs int               `json:"timeout_ms,omitempty"`
}

// HTTPResponse is the answer to an HTTPRequest. A 404 or 500 is a response, not an error.
type HTTPResponse struct {
	Status     int               `json:"status"`
	Headers    map[string]string `json:"headers"`
	Body       string            `json:"body"`
	BodyBase64 string            `json:"body_base64,omitempty"`
}

// HTTPFetch performs the request through the host; the error is a *Error with the host's code
// (capability_denied, remote_unreachable, …).
func HTTPFetch(req HTTPRequest) (*HTTPResponse, error) {
	in, err := json.Marshal(req)
	if err != nil {
		return nil, err
	}
	var reply struct {
		Success bool            `json:"success"`
		Result  *HTTPResponse   `json:"result"`
		Error   json.RawMessage `json:"error"`
	}
	if err := json.Unmarshal(host.httpFetch(in), &reply); err != nil {
		return nil, &Error{Code: "bad_response", Message: "http_fetch reply: " + err.Error()}
	}
	if !reply.Success || reply.Result == nil {
		var e envelopeError
		if json.Unmarshal(reply.Error, &e) != nil || e.Code == "" {
			e = envelopeError{Code: "plugin_error", Message: string(reply.Error)}
		}
		return nil, &Error{Code: e.Code, Message: e.Message}
	}
	return reply.Result, nil
}
