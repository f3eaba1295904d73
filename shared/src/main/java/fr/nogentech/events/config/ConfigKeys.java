package fr.nogentech.events.config;

import java.util.Locale;

/**
 * The one list of configuration keys. Each is the Micronaut property an environment variable becomes
 * ({@code EVENTS_TABLE} is {@code events.table}): template.yaml sets the variables, the factories read the properties,
 * the tests and the local run set them by these names. Annotations take these constants
 * ({@code @Requires(property = ConfigKeys.EVENTS_TABLE)}, {@code @Value("${" + ConfigKeys.EVENTS_TABLE + "}")}).
 */
public final class ConfigKeys {

    /** EVENTS_TABLE: the DynamoDB table of events, subscribers, mailings and quotas. */
    public static final String EVENTS_TABLE = "events.table";
    /** CURSOR_SECRET: signs the {@code next} cursors of the event lists. */
    public static final String CURSOR_SECRET = "cursor.secret";
    /** CURSOR_PREVIOUS_SECRET: optional, still reads the cursors it signed while a rotation lasts. */
    public static final String CURSOR_PREVIOUS_SECRET = "cursor.previous.secret";
    /** ADMIN_TOKEN_HASHES: the administrators' names and the hashes of their tokens. */
    public static final String ADMIN_TOKEN_HASHES = "admin.token.hashes";
    /** EVENT_PAGE_URL: an event's page on the website, {@code {id}} standing for its id. */
    public static final String EVENT_PAGE_URL = "event.page.url";
    /** API_URL: the API's own address, for the links in emails. */
    public static final String API_URL = "api.url";
    /** SUBSCRIPTION_SECRET: signs the confirmation and unsubscribe links. */
    public static final String SUBSCRIPTION_SECRET = "subscription.secret";
    /** SUBSCRIPTION_PREVIOUS_SECRET: optional, still accepts the links it signed while a rotation lasts. */
    public static final String SUBSCRIPTION_PREVIOUS_SECRET = "subscription.previous.secret";
    /** CONFIRMATION_QUEUE_URL: the queue of subscription requests waiting for their confirmation email. */
    public static final String CONFIRMATION_QUEUE_URL = "confirmation.queue.url";
    /** CONFIRMATION_DAILY_CAP: how many confirmation emails all addresses together get a day. */
    public static final String CONFIRMATION_DAILY_CAP = "confirmation.daily.cap";
    /** REGISTRATION_DAILY_CAP: how many registration confirmation emails all addresses together get a day. */
    public static final String REGISTRATION_DAILY_CAP = "registration.daily.cap";
    /** REGISTRATION_MAILER_FUNCTION: the function that tells registrants of a change to their event. */
    public static final String REGISTRATION_MAILER_FUNCTION = "registration.mailer.function";
    /** MAIL_FROM: the sender of every email, a verified SES identity. */
    public static final String MAIL_FROM = "mail.from";
    /** MAIL_CONFIGURATION_SET: optional, the SES configuration set that publishes bounces and complaints. */
    public static final String MAIL_CONFIGURATION_SET = "mail.configuration.set";
    /** MAIL_RATE_PER_SECOND: optional (1), SES's sending rate for the account. */
    public static final String MAIL_RATE_PER_SECOND = "mail.rate.per.second";
    /** MAILING_SCHEDULE: optional, the monthly mailing's schedule expression. */
    public static final String MAILING_SCHEDULE = "mailing.schedule";
    /** MAILER_FUNCTION: the function an administrator's {@code /send} invokes. */
    public static final String MAILER_FUNCTION = "mailer.function";
    /** OUTBOX_DIR: the local run only, mail goes to {@code .eml} files in this folder instead of SES. */
    public static final String OUTBOX_DIR = "outbox.dir";

    private ConfigKeys() {}

    /** The property an environment variable becomes, as Micronaut reads the environment. */
    public static String property(String environmentVariable) {
        return environmentVariable.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** A key as messages name it, with its environment variable: {@code cursor.secret (CURSOR_SECRET)}. */
    public static String describe(String key) {
        return key + " (" + key.toUpperCase(Locale.ROOT).replace('.', '_') + ")";
    }
}
