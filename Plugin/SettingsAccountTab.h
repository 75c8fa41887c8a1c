#pragma once

#include "AccountService.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace moodboard::plugin
{

/** The Account tab of the settings: who is signed in, the provider the sign-in uses (Auth0 when
    auth.json or the environment sets it up, else Spotify's own sign-in) and one button that signs
    in, cancels a sign-in waiting for the browser, or signs out. The AccountService does the work
    on its thread; the tab follows its status. The provider is read from the sign-in settings,
    which this tab does not change. Message thread only.
*/
class SettingsAccountTab final : public juce::Component,
                                 private juce::ChangeListener
{
public:
    explicit SettingsAccountTab (AccountService& account);
    ~SettingsAccountTab() override;

    /** Puts the keyboard focus on the sign-in button. Message thread. */
    void focusFirstField();

    void resized() override;

private:
    void changeListenerCallback (juce::ChangeBroadcaster*) override;
    void showStatus (const AccountService::Status&);
    void clicked();

    AccountService& account;

    juce::Label userCaption, userLabel;
    juce::Label providerCaption, providerLabel;
    juce::TextButton actionButton { "Sign in" };
    juce::Label messageLabel;

    JUCE_DECLARE_NON_COPYABLE_WITH_LEAK_DETECTOR (SettingsAccountTab)
};

} // namespace moodboard::plugin
