// The desktop keyring through a real Secret Service (gnome-keyring on a private session bus,
// started by scripts/keyring-check.sh). Hidden from the plain run: it needs that bus.
#include "AudioFiles.h"
#include "Auth/SecretStore.h"
#include "CliRunner.h"

#include <catch2/catch.hpp>

#include <fstream>

using namespace moodboard;

TEST_CASE ("the keyring store keeps, replaces and forgets secrets", "[.keyring]")
{
    auto keyring = auth::KeyringSecretStore::connect();
    REQUIRE (keyring != nullptr);

    const std::string account = "keyring-test";
    REQUIRE (keyring->save (account, "first-secret"));
    REQUIRE (keyring->save (account, "second-secret"));   // replaced, not added beside it
    auto loaded = keyring->load (account);
    REQUIRE (loaded);
    CHECK (loaded->value_or ("") == "second-secret");

    REQUIRE (keyring->remove (account));
    loaded = keyring->load (account);
    REQUIRE (loaded);
    CHECK_FALSE (loaded->has_value());
    CHECK (keyring->remove (account));   // forgetting twice is fine

    auto chosen = auth::makeSecretStore();
    CHECK (chosen->describe() == "the desktop keyring");
    CHECK (auth::takeSecretStoreWarning().empty());
}

TEST_CASE ("llm-key stores the key in the keyring and in no file", "[.keyring]")
{
    const auto home = testing::makeScratchFolder ("keyring-cli");
    testing::CliOptions options;
    options.input = "sk-keyring-test-key\n";
    const auto set = testing::runCli (home, { "llm-key", "set" }, options);
    REQUIRE (set.exitCode == 0);
    CHECK_THAT (set.output, Catch::Contains ("the desktop keyring"));

    auto keyring = auth::KeyringSecretStore::connect();
    REQUIRE (keyring != nullptr);
    CHECK (keyring->load ("llm")->value_or ("") == "sk-keyring-test-key");

    for (const auto& entry : std::filesystem::recursive_directory_iterator (home))
        if (entry.is_regular_file())
        {
            std::ifstream in (entry.path(), std::ios::binary);
            const std::string bytes ((std::istreambuf_iterator<char> (in)), {});
            CHECK (bytes.find ("sk-keyring-test-key") == std::string::npos);
        }

    CHECK (testing::runCli (home, { "llm-key", "forget" }).exitCode == 0);
    CHECK_FALSE (keyring->load ("llm")->has_value());
}
