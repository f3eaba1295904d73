package fr.nogentech.events.email;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.MessageTag;
import software.amazon.awssdk.services.sesv2.model.SendEmailResponse;

import java.util.List;
import java.util.Set;

/**
 * Sends through SES v2 as raw MIME, so that the List-Unsubscribe headers go as written, with the configuration set
 * that reports bounces and complaints. SES's errors are read by what they mean for the next message: only a
 * refusal of this message is {@link Rejected}; an account- or configuration-level error is {@link Unavailable}.
 */
public class SesMailSender implements MailSender {

    /** This message, this recipient: the next message may go. */
    private static final Set<String> MESSAGE_ERRORS = Set.of("MessageRejected", "BadRequestException");

    private final SesV2Client ses;
    private final String from;
    private final String messageIdDomain;
    private final String configurationSet;

    public SesMailSender(SesV2Client ses, String from, String messageIdDomain, String configurationSet) {
        this.ses = ses;
        this.from = from;
        this.messageIdDomain = messageIdDomain;
        this.configurationSet = configurationSet == null || configurationSet.isBlank() ? null : configurationSet;
    }

    @Override
    public void rehearse(OutgoingMail mail) {
        MimeMessages.write(mail, from, messageIdDomain);
    }

    @Override
    public String send(OutgoingMail mail) {
        byte[] raw = MimeMessages.write(mail, from, messageIdDomain);
        List<MessageTag> tags = mail.tags().entrySet().stream()
                .map(tag -> MessageTag.builder()
                        .name(tag.getKey())
                        .value(tag.getValue())
                        .build())
                .toList();
        try {
            SendEmailResponse response =
                    ses.sendEmail(request -> request.destination(destination -> destination.toAddresses(mail.to()))
                            .content(content -> content.raw(r -> r.data(SdkBytes.fromByteArray(raw))))
                            .configurationSetName(configurationSet)
                            .emailTags(tags.isEmpty() ? null : tags));
            return response.messageId();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                    ? ""
                    : e.awsErrorDetails().errorCode();
            if (e.isThrottlingException() || "TooManyRequestsException".equals(code)) {
                throw new Throttled(code);
            }
            if (MESSAGE_ERRORS.contains(code)) {
                throw new Rejected(code);
            }
            // AccountSuspended, SendingPaused, MailFromDomainNotVerified, NotFound (configuration set),
            // AccessDenied, LimitExceeded (the daily quota), a 5xx after the SDK's retries...
            throw new Unavailable(code.isEmpty() ? "HTTP " + e.statusCode() : code, false);
        } catch (SdkClientException e) {
            // No answer in time: the message may or may not have gone; the caller's claim decides.
            throw new Unavailable("no answer from SES (" + e.getClass().getSimpleName() + ")", true);
        }
    }
}
