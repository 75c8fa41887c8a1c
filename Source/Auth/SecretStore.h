#pragma once

#include "Core/Error.h"

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace moodboard::auth
{

/** Where sign-in secrets live between runs, by account name ("auth0", "spotify").

    makeSecretStore() picks the desktop keyring (the Secret Service, through libsecret) when a
    session bus and a keyring answer; otherwise a file readable only by the user in the XDG state
    folder, with a warning written to the log and returned once by takeWarning(). Implementations
    are safe to call from any thread except the message and audio threads (the keyring may block).
*/
class SecretStore
{
public:
    virtual ~SecretStore() = default;

    /** The stored secret, nothing when none is stored, or an error when the store failed. */
    [[nodiscard]] virtual Expected<std::optional<std::string>>
    load (const std::string& account) = 0;
    [[nodiscard]] virtual Expected<void> save (const std::string& account,
                                               const std::string& secret) = 0;
    [[nodiscard]] virtual Expected<void> remove (const std::string& account) = 0;

    /** A human name of the store: "the desktop keyring" or the file's path. */
    [[nodiscard]] virtual std::string describe() const = 0;
};

/** A JSON file (mode 0600, in a 0700 folder) written atomically; for desktops without a keyring. */
class FileSecretStore final : public SecretStore
{
public:
    explicit FileSecretStore (std::filesystem::path file);

    Expected<std::optional<std::string>> load (const std::string& account) override;
    Expected<void> save (const std::string& account, const std::string& secret) override;
    Expected<void> remove (const std::string& account) override;
    std::string describe() const override { return file.string(); }

private:
    std::filesystem::path file;
    std::mutex mutex;
};

/** The Secret Service keyring; items are labelled "Music Moodboard sign-in (ACCOUNT)". */
class KeyringSecretStore final : public SecretStore
{
public:
    /** Nothing when no keyring answers (no session bus, no service, or it is locked and refuses).
     */
    [[nodiscard]] static std::unique_ptr<KeyringSecretStore> connect();

    Expected<std::optional<std::string>> load (const std::string& account) override;
    Expected<void> save (const std::string& account, const std::string& secret) override;
    Expected<void> remove (const std::string& account) override;
    std::string describe() const override { return "the desktop keyring"; }
};

/** The keyring when available, else the file (MOODBOARD_SECRET_STORE=file forces the file). */
[[nodiscard]] std::unique_ptr<SecretStore> makeSecretStore();

/** The warning about falling back to a file, once per process; empty afterwards. Any thread. */
[[nodiscard]] std::string takeSecretStoreWarning();

} // namespace moodboard::auth
