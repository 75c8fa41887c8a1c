#pragma once

#include "Mood/LlmMoodReader.h"

#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace moodboard::testing
{

/** The fake OpenAI-compatible server in Tests/fakes, on 127.0.0.1, stopped by its pid. */
class FakeOpenAiServer final
{
public:
    FakeOpenAiServer()
    {
        const auto script = std::filesystem::path (MOODBOARD_TEST_SOURCE_DIR) / "fakes"
                            / "fake_openai_server.py";
        int fds[2];
        REQUIRE (pipe (fds) == 0);
        pid = fork();
        REQUIRE (pid >= 0);
        if (pid == 0)
        {
            dup2 (fds[1], STDOUT_FILENO);
            close (fds[0]);
            close (fds[1]);
            execlp ("python3", "python3", script.c_str(), static_cast<char*> (nullptr));
            _exit (127);
        }
        close (fds[1]);
        std::string line;
        char c = 0;
        while (read (fds[0], &c, 1) == 1 && c != '\n')
            line += c;
        close (fds[0]);
        port = std::atoi (line.c_str());
        REQUIRE (port > 0);
    }

    ~FakeOpenAiServer()
    {
        kill (pid, SIGTERM);
        waitpid (pid, nullptr, 0);
    }

    [[nodiscard]] int getPort() const { return port; }

    [[nodiscard]] mood::LlmSettings settings (std::string model) const
    {
        return { "http://127.0.0.1:" + std::to_string (port) + "/v1", std::move (model),
                 "test-key", std::chrono::milliseconds (1500) };
    }

private:
    pid_t pid = -1;
    int port = 0;
};

} // namespace moodboard::testing
