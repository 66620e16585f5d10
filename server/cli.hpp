#pragma once
// The `gesso` command line: parses the invocation and runs one verb. Returns the process exit code;
// errors are printed as one line "gesso: <reason>" on stderr.
namespace gesso::server {

int run_cli(int argc, const char* const* argv);

}  // namespace gesso::server
