#pragma once

#include "AudioFiles.h"
#include "Net/HttpClient.h"

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

/** Real and fake peers for the sign-in and network tests, all on 127.0.0.1, and the checks that
    no secret reaches a log or an error message. */
namespace moodboard::testing
{

/** A Node.js program started for one test: it prints "listening PORT" when ready; the
    destructor stops it by its process id. Fails the test when it does not start in 20 s. */
class PeerProcess final
{
public:
    PeerProcess (const std::filesystem::path& script, std::vector<std::string> args,
                 std::vector<std::string> environment = {});
    ~PeerProcess();
    PeerProcess (const PeerProcess&) = delete;
    PeerProcess& operator= (const PeerProcess&) = delete;

    [[nodiscard]] int getPort() const { return port; }
    [[nodiscard]] std::string getBaseUrl() const
    {
        return "http://127.0.0.1:" + std::to_string (port);
    }

private:
    pid_t pid = -1;
    int port = 0;
};

/** Tests/peers/oidc/provider.mjs: an OpenID Connect provider with client "moodboard-test". */
[[nodiscard]] std::filesystem::path oidcProviderScript();

/** Tests/fakes/auth-fake-services.mjs: the fault-injecting fakes. */
[[nodiscard]] std::filesystem::path fakeServicesScript();

/** A fresh MOODBOARD_HOME with the file secret store, that collects the secret values a test
    used and the error messages it saw; checkNoLeaks() fails the test when any secret appears in
    the log file or in one of the messages. */
class AuthSandbox final
{
public:
    explicit AuthSandbox (const std::string& name);
    ~AuthSandbox();

    void noteSecret (const std::string& value);
    void noteError (const std::string& message);
    void checkNoLeaks() const;

    [[nodiscard]] const std::filesystem::path& getFolder() const { return home.getFolder(); }

private:
    ScopedMoodboardHome home;
    std::vector<std::string> secrets;
    std::vector<std::string> errors;
};

/** A scripted browser: follows redirects with cookies from `url` and returns the last answer
    (the page the loopback listener served, or an error when the redirect target refused). */
[[nodiscard]] Expected<net::HttpResponse> browse (const std::string& url);

/** A scripted browser that stops at the redirect back to the app: follows redirects with
    cookies from `url` and returns the first Location starting with `redirectPrefix`, without
    requesting it (so the code in it is still unused). Empty when none came. */
[[nodiscard]] std::string authorizeUntilRedirect (const std::string& url,
                                                  const std::string& redirectPrefix);

/** Percent-decoded value of `name` in the query of `url`. */
[[nodiscard]] std::string queryValue (const std::string& url, const std::string& name);

/** Reads a file whole; empty when it does not exist. */
[[nodiscard]] std::string readWholeFile (const std::filesystem::path& file);

} // namespace moodboard::testing
