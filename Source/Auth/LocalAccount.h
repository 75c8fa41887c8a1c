#pragma once

#include "Auth/AuthSettings.h"
#include "Auth/SecretStore.h"
#include "Net/HttpClient.h"

#include <memory>

namespace moodboard::auth
{

/** What every account operation starts from: the sign-in settings, the secret store (keyring or
    file) and an HTTP client for the identity providers. */
struct LocalAccount
{
    AuthSettings settings;
    std::unique_ptr<SecretStore> store;
    net::HttpClient http;
    /** Said once per process when there is no keyring and secrets go to a file; the shell shows
        it (the CLI on standard error, the app in its log). Empty otherwise. */
    std::string storeWarning;
};

/** Reads the settings (a damaged auth.json is an error that says so) and opens the secret store.
    Any thread except the message and audio threads (the keyring may block). */
[[nodiscard]] Expected<std::unique_ptr<LocalAccount>> openLocalAccount();

} // namespace moodboard::auth
