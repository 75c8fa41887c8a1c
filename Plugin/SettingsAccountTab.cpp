#include "SettingsAccountTab.h"

#include "SettingsStyle.h"

#include "Auth/AuthSettings.h"
#include "Core/Paths.h"

namespace moodboard::plugin
{
namespace
{
juce::String fromUtf8 (const std::string& text) { return juce::String::fromUTF8 (text.c_str()); }

juce::String describeProvider()
{
    const auto where = fromUtf8 ((Paths::configDir() / "auth.json").string());
    const auto settings = auth::loadAuthSettings();
    if (! settings)
        return "The sign-in settings cannot be read: " + fromUtf8 (settings.error().message);

    if (settings->hasAuth0())
        return "Auth0 (" + fromUtf8 (settings->auth0Issuer) + "), which connects your Spotify "
               "account" + (settings->hasSpotify() ? juce::String (". Spotify's own sign-in is set "
                                                                   "up too; Auth0 is used first.")
                                                   : juce::String ("."));
    if (settings->hasSpotify())
        return "Spotify's own sign-in (no Auth0 is set up).";
    return "None is set up yet. Give an Auth0 or Spotify client in " + where
           + " or in MOODBOARD_AUTH0_* / MOODBOARD_SPOTIFY_CLIENT_ID; the README's \"Signing in\" "
             "says how.";
}
} // namespace

SettingsAccountTab::SettingsAccountTab (AccountService& accountToUse) : account (accountToUse)
{
    setFocusContainerType (FocusContainerType::focusContainer);

    settings::styleCaption (userCaption, "SIGNED IN");
    addAndMakeVisible (userCaption);
    userLabel.setFont (juce::Font (MoodboardLookAndFeel::bodyFontHeight));
    addAndMakeVisible (userLabel);

    settings::styleCaption (providerCaption, "SIGN-IN PROVIDER");
    addAndMakeVisible (providerCaption);
    settings::styleNote (providerLabel);
    providerLabel.setColour (juce::Label::textColourId, palette::text);
    providerLabel.setText (describeProvider(), juce::dontSendNotification);
    addAndMakeVisible (providerLabel);

    actionButton.setColour (juce::TextButton::buttonColourId, palette::accent);
    actionButton.onClick = [this] { clicked(); };
    addAndMakeVisible (actionButton);

    settings::styleNote (messageLabel);
    addAndMakeVisible (messageLabel);

    account.addChangeListener (this);
    showStatus (account.getStatus());
}

SettingsAccountTab::~SettingsAccountTab() { account.removeChangeListener (this); }

void SettingsAccountTab::focusFirstField() { actionButton.grabKeyboardFocus(); }

void SettingsAccountTab::changeListenerCallback (juce::ChangeBroadcaster*)
{
    showStatus (account.getStatus());
}

void SettingsAccountTab::showStatus (const AccountService::Status& status)
{
    using State = AccountService::State;
    juce::String who, action;
    switch (status.state)
    {
        case State::unknown:       who = "Looking up the stored sign-in..."; break;
        case State::notConfigured: who = "Nobody: sign-in is not set up."; break;
        case State::signedOut:     who = "Nobody."; action = "Sign in"; break;
        case State::signingIn:     who = "Waiting for the browser..."; action = "Cancel"; break;
        case State::signedIn:      who = status.user; action = "Sign out"; break;
    }

    userLabel.setText (who, juce::dontSendNotification);
    actionButton.setButtonText (action.isEmpty() ? juce::String ("Sign in") : action);
    actionButton.setEnabled (action.isNotEmpty());

    auto message = status.message;
    if (status.address.isNotEmpty())
        message = "Your browser could not be opened. Open this address to sign in:\n"
                  + status.address;
    settings::showOutcome (messageLabel, message,
                           status.state != State::signedIn && status.message.isNotEmpty());
}

void SettingsAccountTab::clicked()
{
    using State = AccountService::State;
    switch (account.getStatus().state)
    {
        case State::signedOut:
            settings::logUi ("settings: sign-in requested");
            return account.signIn();
        case State::signingIn:
            return account.cancelSignIn();
        case State::signedIn:
            settings::logUi ("settings: sign-out requested");
            return account.signOut();
        case State::unknown:
        case State::notConfigured:
            return;
    }
}

void SettingsAccountTab::resized()
{
    auto area = getLocalBounds().reduced (4);
    userCaption.setBounds (area.removeFromTop (20));
    userLabel.setBounds (area.removeFromTop (28));
    area.removeFromTop (10);
    providerCaption.setBounds (area.removeFromTop (20));
    providerLabel.setBounds (area.removeFromTop (58));
    area.removeFromTop (10);
    actionButton.setBounds (area.removeFromTop (34).removeFromLeft (160));
    area.removeFromTop (10);
    messageLabel.setBounds (area);
}

} // namespace moodboard::plugin
