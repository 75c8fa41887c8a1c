#include "AuthPeers.h"

#include "Core/Log.h"
#include "Net/UrlCoding.h"

#include <catch2/catch.hpp>

#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>

extern char** environ;

namespace moodboard::testing
{

PeerProcess::PeerProcess (const std::filesystem::path& script, std::vector<std::string> args,
                          std::vector<std::string> environment)
{
    int out[2];
    REQUIRE (::pipe (out) == 0);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init (&actions);
    posix_spawn_file_actions_adddup2 (&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose (&actions, out[0]);

    std::vector<std::string> argvText{"node", script.string()};
    argvText.insert (argvText.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argvText)
        argv.push_back (a.data());
    argv.push_back (nullptr);

    std::vector<std::string> envText;
    for (char** e = environ; *e != nullptr; ++e)
        envText.emplace_back (*e);
    envText.insert (envText.end(), environment.begin(), environment.end());
    std::vector<char*> envp;
    for (auto& e : envText)
        envp.push_back (e.data());
    envp.push_back (nullptr);

    const int spawned = ::posix_spawnp (&pid, "node", &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy (&actions);
    ::close (out[1]);
    REQUIRE (spawned == 0);

    std::string text;
    const auto giveUp = std::chrono::steady_clock::now() + std::chrono::seconds (20);
    while (std::chrono::steady_clock::now() < giveUp && text.find ('\n') == std::string::npos)
    {
        pollfd p{out[0], POLLIN, 0};
        if (::poll (&p, 1, 200) > 0)
        {
            char buffer[256];
            const auto n = ::read (out[0], buffer, sizeof (buffer));
            if (n <= 0)
                break;
            text.append (buffer, static_cast<std::size_t> (n));
        }
    }
    ::close (out[0]);

    INFO ("peer output: " << text);
    REQUIRE (text.starts_with ("listening "));
    port = std::stoi (text.substr (10));
    REQUIRE (port > 0);
}

PeerProcess::~PeerProcess()
{
    if (pid <= 0)
        return;
    ::kill (pid, SIGTERM);
    int status = 0;
    for (int i = 0; i < 100 && ::waitpid (pid, &status, WNOHANG) == 0; ++i)
        ::usleep (20000);
    if (::waitpid (pid, &status, WNOHANG) == 0)
    {
        ::kill (pid, SIGKILL);
        ::waitpid (pid, &status, 0);
    }
}

std::filesystem::path oidcProviderScript()
{
    return std::filesystem::path (MOODBOARD_TEST_SOURCE_DIR) / "peers" / "oidc" / "provider.mjs";
}

std::filesystem::path fakeServicesScript()
{
    return std::filesystem::path (MOODBOARD_TEST_SOURCE_DIR) / "fakes" / "auth-fake-services.mjs";
}

std::string readWholeFile (const std::filesystem::path& file)
{
    std::ifstream in (file);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

AuthSandbox::AuthSandbox (const std::string& name)
    : home (name)
{
    ::setenv ("MOODBOARD_SECRET_STORE", "file", 1);
    log::setMinimumLevel (log::Level::debug);
}

AuthSandbox::~AuthSandbox()
{
    ::unsetenv ("MOODBOARD_SECRET_STORE");
}

void AuthSandbox::noteSecret (const std::string& value)
{
    // Very short values would match by chance; every real secret here is long.
    if (value.size() >= 8)
        secrets.push_back (value);
}

void AuthSandbox::noteError (const std::string& message)
{
    errors.push_back (message);
}

void AuthSandbox::checkNoLeaks() const
{
    const auto logText = readWholeFile (log::getFile());
    REQUIRE_FALSE (logText.empty()); // the tests did log: an empty log would prove nothing

    for (const auto& secret : secrets)
    {
        INFO ("a secret of " << secret.size() << " characters");
        CHECK (logText.find (secret) == std::string::npos);
        for (const auto& message : errors)
            CHECK (message.find (secret) == std::string::npos);
    }
}

Expected<net::HttpResponse> browse (const std::string& url)
{
    net::HttpClient::Options options;
    options.followRedirects = true;
    options.keepCookies = true;
    net::HttpClient browser (options);
    net::HttpRequest request;
    request.url = url;
    request.maxAttempts = 1;
    request.totalTimeout = std::chrono::seconds (20);
    return browser.send (request);
}

std::string authorizeUntilRedirect (const std::string& url, const std::string& redirectPrefix)
{
    net::HttpClient::Options options;
    options.keepCookies = true;
    net::HttpClient browser (options);
    std::string next = url;

    for (int hop = 0; hop < 10; ++hop)
    {
        auto response = browser.send ({.url = next, .maxAttempts = 1});
        if (!response)
            return {};
        auto location = response->header ("location");
        if (!location)
            return {};
        if (location->starts_with (redirectPrefix))
            return *location;
        if (location->starts_with ("/"))
        {
            const auto schemeEnd = next.find ("://") + 3;
            next = next.substr (0, next.find ('/', schemeEnd)) + *location;
        }
        else
            next = *location;
    }
    return {};
}

std::string queryValue (const std::string& url, const std::string& name)
{
    const auto question = url.find ('?');
    if (question == std::string::npos)
        return {};
    const auto query = net::decodeParameters (url.substr (question + 1));
    return query ? net::findParameter (*query, name).value_or ("") : std::string();
}

} // namespace moodboard::testing
