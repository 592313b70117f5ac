package mockforge

import (
	"io"
	"os"
)

// RunCommand serves one call in command mode (docs/abi.md §6): the operation from argv[1] or
// MOCKFORGE_OPERATION, the request on stdin, the reply envelope on stdout. Build with
// `-tags=mockforge_command` (no reactor exports) and without -buildmode=c-shared; call it at the end of main.
func RunCommand() {
	operation := os.Getenv("MOCKFORGE_OPERATION")
	if len(os.Args) > 1 {
		operation = os.Args[1]
	}
	input, err := io.ReadAll(os.Stdin)
	var reply []byte
	switch {
	case err != nil:
		reply = errorReply("bad_input", "cannot read the request from stdin: "+err.Error())
	case operation == "":
		reply = errorReply("bad_input", "no operation: pass it as the first argument or in MOCKFORGE_OPERATION")
	default:
		reply = Dispatch(operation, input)
	}
	os.Stdout.Write(append(reply, '\n'))
}
