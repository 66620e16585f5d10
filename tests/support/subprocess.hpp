#pragma once
// Runs the gesso binary (or any program) as a child process for CLI tests.
#include <string>
#include <sys/types.h>
#include <vector>

namespace gesso::test {

struct ProcessResult {
    int exit_code = -1;  // -1 if killed by a signal
    std::string out;
    std::string err;
};

// Runs `args` (args[0] is the program) to completion with extra environment entries ("K=V").
ProcessResult run_process(const std::vector<std::string>& args, const std::vector<std::string>& env = {});

// A background child whose stdout is read line by line.
class Child {
public:
    explicit Child(const std::vector<std::string>& args);
    ~Child();  // kills the child if still running
    // Reads stdout until a line containing `needle` appears (returns it) or the child exits ("" then).
    std::string wait_for_line(const std::string& needle);
    void signal(int sig);
    // Waits for exit; returns the exit code (-1 if killed by a signal).
    int wait();
    pid_t pid() const { return pid_; }

private:
    pid_t pid_ = -1;
    int out_fd_ = -1;
    std::string pending_;
    bool reaped_ = false;
    int status_ = 0;
};

}  // namespace gesso::test
