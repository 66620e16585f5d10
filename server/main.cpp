#include "server/cli.hpp"

int main(int argc, char** argv) { return gesso::server::run_cli(argc, argv); }
