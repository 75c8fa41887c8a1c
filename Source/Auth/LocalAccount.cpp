#include "Auth/LocalAccount.h"

namespace moodboard::auth
{

Expected<std::unique_ptr<LocalAccount>> openLocalAccount()
{
    auto settings = loadAuthSettings();
    if (!settings)
        return std::unexpected (settings.error());

    auto account = std::make_unique<LocalAccount>();
    account->settings = std::move (*settings);
    account->store = makeSecretStore();
    account->storeWarning = takeSecretStoreWarning();
    return account;
}

} // namespace moodboard::auth
