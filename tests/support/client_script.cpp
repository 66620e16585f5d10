#include "support/client_script.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>

namespace gesso::test {

namespace {

pid_t spawn(const std::vector<std::string>& args, const std::vector<std::string>& env, int& to_child,
            int& from_child) {
    int in_pipe[2], out_pipe[2];
    if (pipe(in_pipe) != 0) throw std::runtime_error("pipe failed");
    if (pipe(out_pipe) != 0) {
        close(in_pipe[0]);
        close(in_pipe[1]);
        throw std::runtime_error("pipe failed");
    }
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = fork();
    if (pid < 0) throw std::runtime_error("fork failed");
    if (pid == 0) {
        setsid();
        dup2(in_pipe[0], 0);
        dup2(out_pipe[1], 1);
        dup2(out_pipe[1], 2);
        close(in_pipe[1]);
        close(out_pipe[0]);
        for (const auto& e : env) putenv(const_cast<char*>(e.c_str()));
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(in_pipe[0]);
    close(out_pipe[1]);
    to_child = in_pipe[1];
    from_child = out_pipe[0];
    return pid;
}

}  // namespace

ScriptRun run_client_script(const std::vector<std::string>& args, const std::vector<std::string>& env,
                            const std::map<std::string, std::function<void()>>& handlers) {
    ScriptRun run;
    ::signal(SIGPIPE, SIG_IGN);  // a script that exits before reading "go" must not kill the test
    int to_child = -1, from_child = -1;
    pid_t pid = spawn(args, env, to_child, from_child);
    std::string pending;
    std::size_t lines = 0;
    char buf[4096];
    bool open = true;
    while (open && run.failure.empty()) {
        for (auto nl = pending.find('\n'); nl != std::string::npos; nl = pending.find('\n')) {
            std::string line = pending.substr(0, nl);
            pending.erase(0, nl + 1);
            run.transcript += line + "\n";
            if (++lines > kClientScriptMaxLines) {
                run.failure = "more than " + std::to_string(kClientScriptMaxLines) + " lines";
                break;
            }
            if (line.rfind("step ", 0) == 0) {
                auto colon = line.find(": ok");
                if (colon != std::string::npos) run.ok.push_back(line.substr(5, colon - 5));
            } else if (line.rfind("wait ", 0) == 0) {
                std::string name = line.substr(5);
                auto handler = handlers.find(name);
                if (handler == handlers.end()) {
                    run.failure = "the script waits for '" + name + "', which this test does not provide";
                    break;
                }
                handler->second();
                const char go[] = "go\n";
                if (write(to_child, go, sizeof go - 1) != static_cast<ssize_t>(sizeof go - 1)) {
                    run.failure = "could not answer '" + name + "'";
                    break;
                }
            }
        }
        if (!run.failure.empty()) break;
        pollfd pfd{from_child, POLLIN, 0};
        int ready = poll(&pfd, 1, kClientScriptSilenceMs);
        if (ready <= 0) {
            run.failure = "no output for " + std::to_string(kClientScriptSilenceMs / 1000) + " s";
            break;
        }
        auto n = read(from_child, buf, sizeof buf);
        if (n <= 0) {
            open = false;
            if (!pending.empty()) run.transcript += pending + "\n";
        } else {
            pending.append(buf, static_cast<std::size_t>(n));
        }
    }
    close(to_child);
    close(from_child);
    if (!run.failure.empty()) kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return run;
}

}  // namespace gesso::test
