#pragma once
// Runs a client-interop script (tests/clients/*) as a child process and holds a line dialogue with it: the
// script prints step lines on stdout (stderr is merged in, so a client's traceback lands in the transcript) and,
// when it needs the test to act (pump federation, make the remote account do something), prints
// "wait NAME" and reads one line from its stdin. The child runs in its own session (no controlling terminal), so
// tools that prompt on /dev/tty read stdin instead.
#include <sys/types.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gesso::test {

struct ScriptRun {
    int exit_code = -1;           // -1 if killed (by a signal, or by us after a silent stretch)
    std::string transcript;       // everything it printed
    std::vector<std::string> ok;  // NAME of every "step NAME: ok ..." line, in order
    std::string failure;          // set when the run went wrong on our side (unknown wait, silence)
};

// Longest silence tolerated from a client script before it is killed (its own network calls time out sooner).
inline constexpr int kClientScriptSilenceMs = 90'000;
// Most lines read from one script (a runaway loop must not fill memory).
inline constexpr std::size_t kClientScriptMaxLines = 10'000;

// Starts `args` (args[0]: a program path) with `env` added ("K=V") and answers each "wait NAME" by calling
// handlers[NAME] and then writing "go". Unknown waits and silence end the run.
ScriptRun run_client_script(const std::vector<std::string>& args, const std::vector<std::string>& env,
                            const std::map<std::string, std::function<void()>>& handlers);

}  // namespace gesso::test
