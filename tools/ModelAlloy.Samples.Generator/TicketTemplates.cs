namespace ModelAlloy.Samples.Generator;

/// <summary>
/// The ticket templates per expected route. Wording rules that keep the labels honest against the support-triage
/// router's rules (pipelines/support-triage.json): only account templates use the account keywords (password, reset
/// link, locked out, 2fa); only billing templates use invoice/refund/charged/chargeback; only technical templates use
/// error/crash/outage/timeout; general and complex-expert templates use none of them. Some templates in each route use
/// no keyword at all, so the classifier, not a rule, has to place them.
/// </summary>
internal static class TicketTemplates
{
    public static readonly TicketTemplate[] Account =
    [
        new("password-reset", "Password reset email never arrives", "I asked for a password reset {n} times today and nothing has come through. I checked spam. My login is {email}.", 1, 2),
        new("password-reset", "Reset link expired", "The reset link you sent says it has expired by the time I open it on my {device}. Can you send a new one that works?", 1, 2),
        new("password-reset", "New password rejected", "My new password meets every rule on the page, but the form keeps saying it is too weak. What am I missing?", 1, 2),
        new("locked-out", "Locked out of my account", "After a few wrong tries I'm locked out. I need to get into my workspace before my meeting on {day}.", 1, 2),
        new("locked-out", "Still locked out after an hour", "The page said I was locked out for 15 minutes; it has been an hour and I still can't get in.", 2, 3),
        new("2fa", "Lost my phone, can't pass 2FA", "I replaced my {device} and no longer get the 2FA codes. How do I get back into my account?", 2, 3),
        new("2fa", "Turn on 2FA for my team", "How do I make 2FA mandatory for everyone in my workspace? We are {seats} people.", 1, 2),
        new("sign-in", "Can't sign in", "Since yesterday the sign-in page just sends me back to the start. I already cleared cookies in {browser}.", 2, 3),
        new("sign-in", "Which email is my account under?", "I have two addresses and can't remember which one I signed up with. One of them is {email}.", 1, 1),
        new("email-change", "Change the email on my account", "I'm leaving {company} and need my account moved to my personal address without losing my files.", 1, 2),
        new("email-change", "Update login email", "Please switch my login from {email} to my new address; I can still open the old inbox if you need to confirm.", 1, 1),
        new("account-closure", "Delete my account", "Please close my account and remove my data. I no longer use the service.", 1, 2),
    ];

    public static readonly TicketTemplate[] Billing =
    [
        new("double-charge", "Charged twice this month", "I was charged twice for the {plan} plan on {date}: {currency} {amount} each time. Please reverse one of them.", 1, 2),
        new("refund", "Refund request", "I cancelled during the trial but was still billed {currency} {amount}. I'd like a refund, please.", 1, 2),
        new("refund", "Refund for unused seats", "We removed {seats} seats on {date}. Can we get a refund for the rest of the month?", 2, 3),
        new("invoice-copy", "Need a copy of an invoice", "Our accounting team needs the invoice for {month} with our VAT number on it.", 1, 1),
        new("invoice-copy", "Invoice shows the wrong company name", "The invoice for {month} is addressed to {company}'s old name. Could you reissue it?", 1, 2),
        new("billed-after-cancel", "Billed after cancelling", "I cancelled my subscription on {date} and was billed again this week. Can you look into it?", 2, 3),
        new("proration", "Upgrade price looks wrong", "We moved from {plan} to {plan2} mid-cycle and the prorated amount is higher than your pricing page says.", 2, 3),
        new("chargeback", "Chargeback by mistake", "Our finance team opened a chargeback on the {currency} {amount} payment by mistake. How do we withdraw it without our account being suspended?", 2, 3),
        new("card-update", "Update the card on file", "Our company card expires next month. Where do I enter the new one so the renewal goes through?", 1, 1),
        new("discount", "Nonprofit discount missing", "Our nonprofit discount was not applied to this year's renewal of the {plan} plan.", 1, 2),
        new("currency", "Pay in a different currency", "We're based in the UK; can our subscription be billed in GBP instead of {currency}?", 1, 2),
    ];

    public static readonly TicketTemplate[] Technical =
    [
        new("crash", "App crashes on launch", "Since the last update the app on my {device} crashes right after the splash screen.", 2, 3),
        new("crash", "Crash when opening {feature}", "Every time I open {feature} in {browser} the tab crashes. It started on {day}.", 2, 3),
        new("error", "Error {code} when exporting", "Exporting {feature} fails with error {code}. Smaller exports work.", 2, 3),
        new("error", "Upload fails with an error", "Attachments over 10 MB fail with error 413; under 10 MB they upload fine.", 2, 3),
        new("timeout", "API requests time out", "Calls to /v2/records hit a timeout after 30 seconds since {day}. Nothing changed on our side.", 3, 3),
        new("outage", "Is there an outage?", "Nothing loads for our whole team since {time}. Is there an outage in your EU region?", 2, 3),
        new("sync", "Calendar sync stuck", "Calendar sync stopped updating two days ago; new events don't show up on my {device}.", 2, 3),
        new("performance", "Dashboard very slow", "The dashboard takes over a minute to load for me in {browser}; my colleagues see the same.", 2, 3),
        new("webhooks", "Webhooks not firing", "Our endpoint stopped receiving webhook events on {day}. The delivery log in settings is empty.", 3, 3),
    ];

    public static readonly TicketTemplate[] General =
    [
        new("feature-request", "Feature request: dark mode", "Would love a dark mode for {feature}. Is it on the roadmap?", 1, 1),
        new("feature-request", "Idea for {feature}", "It would save us time if {feature} could be filtered by owner. Just a suggestion!", 1, 1),
        new("platform", "Is there a Linux app?", "Do you have a desktop app for Linux, or is the web version the only option?", 1, 1),
        new("partnership", "Partnership enquiry", "I run a consultancy that sets up your product for small firms. Do you have a partner programme?", 1, 2),
        new("feedback", "Thanks to your support team", "Just wanted to say {agent} sorted out my question last week really quickly. Great service.", 1, 1),
        new("education", "Using it for a school class", "I teach a class of {seats} students. Is there a plan for schools?", 1, 2),
        new("training", "Do you offer training?", "Our new hires start on {day}. Do you run onboarding sessions or webinars?", 1, 1),
        new("docs", "Where is the API documentation?", "I can't find the docs for the records API on your site. Could you send a link?", 1, 1),
    ];

    /// <summary>Complex tickets (4-5) from non-enterprise customers: the classifier's complexity threshold sends them to the expert route.</summary>
    public static readonly TicketTemplate[] Complex =
    [
        new("sso-migration", "SSO migration with EU data residency", "We're moving {seats} seats from Google sign-in to Okta SAML, need EU data residency confirmed in writing, and our legal team wants the DPA updated before cutover on {date}. Who can walk us through the order of steps?", 4, 5),
        new("audit", "Regulator wants an admin audit trail", "Our regulator asks for a log of every admin action over the last 18 months plus your SOC 2 report. How do we export this, and who on your side can sign the attestation?", 4, 5),
        new("workspace-merge", "Merging workspaces after an acquisition", "We acquired {company} and need to merge their two workspaces into ours without losing permissions, history or shared links. About {seats} users are affected.", 4, 5),
        new("retention", "Different retention rules per region", "We need records deleted after 90 days in one region but kept for 7 years in another because of a legal hold. Can one workspace do both?", 4, 5),
        new("integration", "Near-real-time warehouse mirror", "We want to mirror records into our warehouse within a minute. Webhooks miss events during our deploys and we need every change exactly once. What architecture do you recommend?", 5, 5),
    ];
}
