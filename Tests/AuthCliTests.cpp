// `moodboard login`, `whoami` and `logout` as a user runs them, against the OpenID Connect
// provider on loopback, with a browser opener that fails so that the URL is printed; the test
// copies the URL into its scripted browser.
#include "AuthPeers.h"
#include "CliRunner.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <future>

extern char** environ;

using namespace moodboard;
using namespace moodboard::testing;

namespace
{
struct ScopedEnvironment
{
    ScopedEnvironment (const char* n, const std::string& value)
        : name (n)
    {
        ::setenv (n, value.c_str(), 1);
    }
    ~ScopedEnvironment() { ::unsetenv (name); }
    const char* name;
};

struct LoginRun
{
    int exitCode = -1;
    std::string output; // standard output and error together
};

// Runs `moodboard login`, and when it prints the sign-in URL, plays the browser with it.
LoginRun runLoginPlayingBrowser()
{
    int out[2];
    REQUIRE (::pipe (out) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init (&actions);
    posix_spawn_file_actions_adddup2 (&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2 (&actions, out[1], STDERR_FILENO);
    posix_spawn_file_actions_addclose (&actions, out[0]);

    std::string program = MOODBOARD_TEST_CLI;
    std::string command = "login";
    char* argv[] = {program.data(), command.data(), nullptr};
    pid_t pid = 0;
    REQUIRE (::posix_spawn (&pid, program.c_str(), &actions, nullptr, argv, environ) == 0);
    posix_spawn_file_actions_destroy (&actions);
    ::close (out[1]);

    LoginRun run;
    std::future<Expected<net::HttpResponse>> browser;
    const auto giveUp = std::chrono::steady_clock::now() + std::chrono::seconds (30);

    while (std::chrono::steady_clock::now() < giveUp)
    {
        pollfd p{out[0], POLLIN, 0};
        if (::poll (&p, 1, 200) <= 0)
            continue;
        char buffer[1024];
        const auto n = ::read (out[0], buffer, sizeof (buffer));
        if (n <= 0)
            break;
        run.output.append (buffer, static_cast<std::size_t> (n));

        if (!browser.valid())
            if (const auto start = run.output.find ("  http://"); start != std::string::npos)
                if (const auto end = run.output.find ('\n', start); end != std::string::npos)
                    browser = std::async (std::launch::async, browse,
                                          run.output.substr (start + 2, end - start - 2));
    }
    ::close (out[0]);

    int status = 0;
    ::waitpid (pid, &status, 0);
    run.exitCode = WIFEXITED (status) ? WEXITSTATUS (status) : -1;
    REQUIRE (browser.valid());
    auto page = browser.get();
    REQUIRE (page);
    CHECK (page->status == 200);
    return run;
}
} // namespace

TEST_CASE ("moodboard login prints the URL when the browser cannot open; whoami and logout follow",
           "[auth]")
{
    AuthSandbox sandbox ("auth-cli");
    PeerProcess provider (oidcProviderScript(), {"0", "moodboard-test"});
    ScopedEnvironment issuer ("MOODBOARD_AUTH0_ISSUER", provider.getBaseUrl() + "/");
    ScopedEnvironment client ("MOODBOARD_AUTH0_CLIENT_ID", "moodboard-test");
    ScopedEnvironment opener ("MOODBOARD_BROWSER", "false"); // the desktop's opener fails
    ScopedEnvironment home ("MOODBOARD_HOME", sandbox.getFolder().string());

    const auto login = runLoginPlayingBrowser();
    INFO (login.output);
    CHECK (login.exitCode == 0);
    CHECK_THAT (login.output,
                Catch::Contains ("Open this address in your browser") &&
                    Catch::Contains ("Signed in as Test Listener (auth0 user listener-1)."));
    // The file store was chosen (MOODBOARD_SECRET_STORE=file), so no keyring note.
    CHECK_THAT (login.output, !Catch::Contains ("no desktop keyring"));

    const auto credentials = sandbox.getFolder() / "state" / "credentials.json";
    const auto stored = nlohmann::json::parse (readWholeFile (credentials));
    const auto tokens = nlohmann::json::parse (stored["auth0"].get<std::string>());
    for (const auto* key : {"access_token", "refresh_token", "id_token"})
    {
        const auto value = tokens[key].get<std::string>();
        CHECK_FALSE (value.empty());
        CHECK (login.output.find (value) == std::string::npos);
        sandbox.noteSecret (value);
    }

    const auto whoami = runCli (sandbox.getFolder(), {"whoami"});
    CHECK (whoami.exitCode == 0);
    CHECK_THAT (whoami.output, Catch::Contains ("Test Listener (auth0 user listener-1)"));

    // A chat while signed in is kept in the user's own folder, not where anyone's would be.
    CliOptions chatting;
    chatting.input = "happy\nquit\n";
    REQUIRE (runCli (sandbox.getFolder(), {"chat", "--new"}, chatting).exitCode == 0);
    std::vector<std::filesystem::path> kept;
    for (const auto& entry : std::filesystem::recursive_directory_iterator (sandbox.getFolder()))
        if (entry.path().filename() == "terminal.json")
            kept.push_back (entry.path());
    REQUIRE (kept.size() == 1);
    CHECK (kept[0].parent_path().filename() == "conversations");
    CHECK (kept[0].parent_path().parent_path().parent_path().filename() == "users");

    const auto logout = runCli (sandbox.getFolder(), {"logout"});
    CHECK (logout.exitCode == 0);
    CHECK_THAT (logout.output, Catch::Contains ("Signed out of auth0."));

    const auto after = runCli (sandbox.getFolder(), {"whoami"});
    CHECK (after.exitCode == 1);
    CHECK_THAT (after.output, Catch::Contains ("Not signed in"));
    CHECK (nlohmann::json::parse (readWholeFile (credentials)).empty());

    sandbox.noteError (login.output + whoami.output + logout.output + after.output);
    sandbox.checkNoLeaks();
}

TEST_CASE ("moodboard login explains what to configure and rejects bad arguments", "[auth]")
{
    AuthSandbox sandbox ("auth-cli-unconfigured");
    CHECK (runCli (sandbox.getFolder(), {"login", "--provider", "google"}).exitCode == 2);
    CHECK (runCli (sandbox.getFolder(), {"login", "--bogus"}).exitCode == 2);
    CHECK (runCli (sandbox.getFolder(), {"login", "--no-browser"}).exitCode == 1);
    CHECK (runCli (sandbox.getFolder(), {"logout"}).output == "Nobody was signed in.\n");
}
