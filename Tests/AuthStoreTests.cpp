// Where sign-ins are kept (the file store; the keyring needs a desktop session), the settings
// file and environment, and per-user data folders.
#include "Auth/AuthSettings.h"
#include "Auth/SecretStore.h"
#include "Auth/UserScope.h"
#include "AuthPeers.h"
#include "Core/Paths.h"

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <fstream>

using namespace moodboard;
using namespace moodboard::auth;
using namespace moodboard::testing;

namespace
{
unsigned modeOf (const std::filesystem::path& path)
{
    struct stat info
    {
    };
    REQUIRE (::stat (path.c_str(), &info) == 0);
    return info.st_mode & 0777;
}

struct ScopedEnvironment
{
    ScopedEnvironment (const char* n, const char* value)
        : name (n)
    {
        ::setenv (n, value, 1);
    }
    ~ScopedEnvironment() { ::unsetenv (name); }
    const char* name;
};
} // namespace

TEST_CASE ("The file store keeps secrets in a 0600 file and removes them", "[auth]")
{
    AuthSandbox sandbox ("auth-file-store");
    const auto file = sandbox.getFolder() / "state" / "credentials.json";
    std::filesystem::create_directories (file.parent_path());
    FileSecretStore store (file);

    CHECK_FALSE (store.load ("auth0")->has_value());
    REQUIRE (store.save ("auth0", "secret-one"));
    REQUIRE (store.save ("spotify", "secret-two"));
    CHECK (store.load ("auth0")->value() == "secret-one");
    CHECK (store.load ("spotify")->value() == "secret-two");
    CHECK (modeOf (file) == 0600);
    CHECK (modeOf (file.parent_path()) == 0700);

    REQUIRE (store.remove ("auth0"));
    CHECK_FALSE (store.load ("auth0")->has_value());
    CHECK (store.load ("spotify")->value() == "secret-two");
}

TEST_CASE ("A damaged secret file is reported and left as it is", "[auth]")
{
    AuthSandbox sandbox ("auth-file-damaged");
    const auto file = sandbox.getFolder() / "credentials.json";
    {
        std::ofstream out (file);
        out << "{ not json";
    }
    FileSecretStore store (file);
    auto loaded = store.load ("auth0");
    REQUIRE_FALSE (loaded);
    CHECK_THAT (loaded.error().message, Catch::Contains ("damaged"));
    CHECK_FALSE (store.save ("auth0", "x"));
    CHECK (readWholeFile (file) == "{ not json");
}

TEST_CASE ("Without a keyring the store is a file in the state folder, with one warning", "[auth]")
{
    AuthSandbox sandbox ("auth-store-choice"); // sets MOODBOARD_SECRET_STORE=file
    auto chosen = makeSecretStore();
    CHECK (chosen->describe() == (Paths::stateDir() / "credentials.json").string());
    CHECK (takeSecretStoreWarning().empty()); // the file was asked for: nothing to warn about

    // No session bus, so no keyring: the file is the fallback, and that is said once.
    const std::string bus = std::getenv ("DBUS_SESSION_BUS_ADDRESS") != nullptr
                                ? std::getenv ("DBUS_SESSION_BUS_ADDRESS")
                                : "";
    ::unsetenv ("DBUS_SESSION_BUS_ADDRESS");
    ::unsetenv ("MOODBOARD_SECRET_STORE");
    auto store = makeSecretStore();
    CHECK (store->describe() == (Paths::stateDir() / "credentials.json").string());
    const auto warning = takeSecretStoreWarning();
    CHECK_THAT (warning,
                Catch::Contains ("no desktop keyring") && Catch::Contains ("credentials.json"));
    (void) makeSecretStore();
    CHECK (takeSecretStoreWarning().empty());
    ::setenv ("MOODBOARD_SECRET_STORE", "file", 1);
    if (!bus.empty())
        ::setenv ("DBUS_SESSION_BUS_ADDRESS", bus.c_str(), 1);
}

TEST_CASE ("A sign-in file that others may read is made private again", "[auth]")
{
    AuthSandbox sandbox ("auth-store-mode");
    FileSecretStore store (sandbox.getFolder() / "state" / "credentials.json");
    REQUIRE (store.save ("spotify", "{}"));
    const auto file = sandbox.getFolder() / "state" / "credentials.json";
    ::chmod (file.c_str(), 0644);
    REQUIRE (store.load ("spotify"));
    struct stat status {};
    REQUIRE (::stat (file.c_str(), &status) == 0);
    CHECK ((status.st_mode & 0777) == 0600);
}

TEST_CASE ("Settings come from auth.json, and the environment overrides them", "[auth]")
{
    AuthSandbox sandbox ("auth-settings");
    {
        std::ofstream out (Paths::configDir() / "auth.json");
        out << R"({ "auth0": { "domain": "tenant.eu.auth0.com", "clientId": "file-client",
                               "audience": "https://api" },
                    "spotify": { "clientId": "sp-client" }, "ports": [50001, 50002] })";
    }

    auto fromFile = loadAuthSettings();
    REQUIRE (fromFile);
    CHECK (fromFile->auth0Issuer == "https://tenant.eu.auth0.com/");
    CHECK (fromFile->auth0ClientId == "file-client");
    CHECK (fromFile->spotifyClientId == "sp-client");
    CHECK (fromFile->ports == std::vector<std::uint16_t>{50001, 50002});
    const auto endpoints = fromFile->auth0Endpoints();
    CHECK (endpoints.authorizeUrl == "https://tenant.eu.auth0.com/authorize");
    CHECK (endpoints.tokenUrl == "https://tenant.eu.auth0.com/oauth/token");
    CHECK (endpoints.revokeUrl == "https://tenant.eu.auth0.com/oauth/revoke");
    CHECK (endpoints.jwksUrl == "https://tenant.eu.auth0.com/.well-known/jwks.json");
    CHECK (endpoints.audience == "https://api");
    CHECK_THAT (endpoints.scope, Catch::Contains ("offline_access"));
    CHECK (fromFile->spotifyEndpoints().authorizeUrl == "https://accounts.spotify.com/authorize");

    ScopedEnvironment issuer ("MOODBOARD_AUTH0_ISSUER", "http://127.0.0.1:4000/");
    ScopedEnvironment client ("MOODBOARD_AUTH0_CLIENT_ID", "env-client");
    ScopedEnvironment ports ("MOODBOARD_AUTH_PORTS", "53682, 53683");
    auto fromEnvironment = loadAuthSettings();
    REQUIRE (fromEnvironment);
    CHECK (fromEnvironment->auth0Issuer == "http://127.0.0.1:4000/");
    CHECK (fromEnvironment->auth0Endpoints().tokenUrl == "http://127.0.0.1:4000/oauth/token");
    CHECK (fromEnvironment->auth0ClientId == "env-client");
    CHECK (fromEnvironment->ports == std::vector<std::uint16_t>{53682, 53683});
}

TEST_CASE ("Bad settings are errors that say what to fix", "[auth]")
{
    AuthSandbox sandbox ("auth-settings-bad");
    CHECK_FALSE (parsePortList ("53682,abc"));
    CHECK_FALSE (parsePortList ("70000"));
    CHECK (parsePortList ("") == std::vector<std::uint16_t>{});

    {
        ScopedEnvironment ports ("MOODBOARD_AUTH_PORTS", "0");
        auto settings = loadAuthSettings();
        REQUIRE_FALSE (settings);
        CHECK_THAT (settings.error().message, Catch::Contains ("MOODBOARD_AUTH_PORTS"));
    }

    std::ofstream (Paths::configDir() / "auth.json") << "{ broken";
    auto settings = loadAuthSettings();
    REQUIRE_FALSE (settings);
    CHECK_THAT (settings.error().message, Catch::Contains ("auth.json"));
}

TEST_CASE ("Each signed-in user has a private data folder named by a hash of the subject", "[auth]")
{
    AuthSandbox sandbox ("auth-user-scope");
    const auto a = userDataDir ("auth0", "auth0|alice@example.com");
    const auto b = userDataDir ("auth0", "auth0|bob");
    const auto spotifyAlice = userDataDir ("spotify", "auth0|alice@example.com");

    CHECK (a != b);
    CHECK (a != spotifyAlice);
    CHECK (a == userDataDir ("auth0", "auth0|alice@example.com"));
    CHECK (a.parent_path() == Paths::dataDir() / "users");
    CHECK (a.filename().string().size() == 32);
    CHECK (a.string().find ("alice") == std::string::npos);
    CHECK (std::filesystem::is_directory (a));
    CHECK (modeOf (a) == 0700);
}
