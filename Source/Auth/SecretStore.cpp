#include "Auth/SecretStore.h"

#include "Core/AtomicFile.h"
#include "Core/Log.h"
#include "Core/Paths.h"

#include <libsecret/secret.h>
#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace moodboard::auth
{
namespace
{
std::mutex warningMutex;
std::string pendingWarning;
bool warned = false;

const SecretSchema* schema()
{
    static const SecretSchema value = {
        "org.musicmoodboard.SignIn",
        SECRET_SCHEMA_NONE,
        {{"account", SECRET_SCHEMA_ATTRIBUTE_STRING}, {nullptr, SECRET_SCHEMA_ATTRIBUTE_STRING}},
        0,
        nullptr,
        nullptr,
        nullptr,
        nullptr,
        nullptr,
        nullptr,
        nullptr};
    return &value;
}

std::string takeGError (GError*& error)
{
    std::string message =
        error != nullptr && error->message != nullptr ? error->message : "unknown";
    g_clear_error (&error);
    return message;
}

Expected<nlohmann::json> readAll (const std::filesystem::path& file)
{
    std::error_code ec;
    if (!std::filesystem::exists (file, ec))
        return nlohmann::json::object();

    // Someone may have loosened the file's mode; the secrets in it are the user's alone.
    struct stat status {};
    if (::stat (file.c_str(), &status) == 0 && (status.st_mode & 077) != 0)
    {
        ::chmod (file.c_str(), 0600);
        log::warning ("auth", "the sign-in file " + file.string()
                                  + " was readable by others; it is now readable only by you");
    }

    std::ifstream in (file);
    std::stringstream text;
    text << in.rdbuf();
    auto json = nlohmann::json::parse (text.str(), nullptr, false);
    if (!json.is_object())
        return makeError (Error::Kind::corrupt, "the sign-in file " + file.string() +
                                                    " is damaged; delete it and sign in again");
    return json;
}
} // namespace

FileSecretStore::FileSecretStore (std::filesystem::path f)
    : file (std::move (f))
{
}

Expected<std::optional<std::string>> FileSecretStore::load (const std::string& account)
{
    std::lock_guard lock (mutex);
    auto all = readAll (file);
    if (!all)
        return std::unexpected (all.error());

    const auto it = all->find (account);
    if (it == all->end() || !it->is_string())
        return std::optional<std::string>();
    return std::optional (it->get<std::string>());
}

Expected<void> FileSecretStore::save (const std::string& account, const std::string& secret)
{
    std::lock_guard lock (mutex);
    auto all = readAll (file);
    if (!all)
        return std::unexpected (all.error());

    (*all)[account] = secret;

    // The folder and the file are the user's alone; umask makes the temporary file 0600 from
    // the moment it exists, before the rename publishes it.
    ::chmod (file.parent_path().c_str(), 0700);
    const auto previous = ::umask (077);
    auto written = writeFileAtomically (file, all->dump());
    ::umask (previous);
    ::chmod (file.c_str(), 0600);

    if (!written)
        return makeError (Error::Kind::io, "could not save the sign-in to " + file.string());
    return {};
}

Expected<void> FileSecretStore::remove (const std::string& account)
{
    std::lock_guard lock (mutex);
    auto all = readAll (file);
    if (!all)
        return std::unexpected (all.error());
    if (all->erase (account) == 0)
        return {};

    const auto previous = ::umask (077);
    auto written = writeFileAtomically (file, all->dump());
    ::umask (previous);
    if (!written)
        return makeError (Error::Kind::io, "could not remove the sign-in from " + file.string());
    return {};
}

std::unique_ptr<KeyringSecretStore> KeyringSecretStore::connect()
{
    const char* bus = std::getenv ("DBUS_SESSION_BUS_ADDRESS");
    if (bus == nullptr || *bus == '\0')
        return nullptr;

    GError* error = nullptr;
    gchar* probe =
        secret_password_lookup_sync (schema(), nullptr, &error, "account", "probe", nullptr);
    secret_password_free (probe);
    if (error != nullptr)
    {
        log::info ("auth", "no desktop keyring: " + takeGError (error));
        return nullptr;
    }
    return std::unique_ptr<KeyringSecretStore> (new KeyringSecretStore());
}

Expected<std::optional<std::string>> KeyringSecretStore::load (const std::string& account)
{
    GError* error = nullptr;
    gchar* secret = secret_password_lookup_sync (schema(), nullptr, &error, "account",
                                                 account.c_str(), nullptr);
    if (error != nullptr)
        return makeError (Error::Kind::io, "the desktop keyring could not be read (" +
                                               takeGError (error) + "); unlock it and try again");
    if (secret == nullptr)
        return std::optional<std::string>();

    std::string value (secret);
    secret_password_free (secret);
    return std::optional (std::move (value));
}

Expected<void> KeyringSecretStore::save (const std::string& account, const std::string& secret)
{
    GError* error = nullptr;
    const auto label = "Music Moodboard sign-in (" + account + ")";
    secret_password_store_sync (schema(), SECRET_COLLECTION_DEFAULT, label.c_str(), secret.c_str(),
                                nullptr, &error, "account", account.c_str(), nullptr);
    if (error != nullptr)
        return makeError (Error::Kind::io, "the desktop keyring refused to store the sign-in (" +
                                               takeGError (error) + "); unlock it and try again");
    return {};
}

Expected<void> KeyringSecretStore::remove (const std::string& account)
{
    GError* error = nullptr;
    secret_password_clear_sync (schema(), nullptr, &error, "account", account.c_str(), nullptr);
    if (error != nullptr)
        return makeError (Error::Kind::io, "the desktop keyring could not remove the sign-in (" +
                                               takeGError (error) + ")");
    return {};
}

std::unique_ptr<SecretStore> makeSecretStore()
{
    const char* forced = std::getenv ("MOODBOARD_SECRET_STORE");
    const bool fileOnly = forced != nullptr && std::string_view (forced) == "file";

    if (!fileOnly)
        if (auto keyring = KeyringSecretStore::connect())
            return keyring;

    auto file = Paths::stateDir() / "credentials.json";

    // Chosen on purpose (MOODBOARD_SECRET_STORE=file): nothing to warn about.
    std::lock_guard lock (warningMutex);
    if (!warned && !fileOnly)
    {
        warned = true;
        pendingWarning = "no desktop keyring is available, so sign-ins and keys are kept in " +
                         file.string() + " (readable only by you)";
        log::warning ("auth", pendingWarning);
    }
    return std::make_unique<FileSecretStore> (file);
}

std::string takeSecretStoreWarning()
{
    std::lock_guard lock (warningMutex);
    return std::exchange (pendingWarning, std::string());
}

} // namespace moodboard::auth
