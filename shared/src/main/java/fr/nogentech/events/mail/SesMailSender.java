package fr.nogentech.events.mail;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SendEmailResponse;

/** Sends through SES v2 as raw MIME, so that the List-Unsubscribe headers go as written. */
public class SesMailSender implements MailSender {

    private final SesV2Client ses;
    private final String from;
    private final String messageIdDomain;

    public SesMailSender(SesV2Client ses, String from, String messageIdDomain) {
        this.ses = ses;
        this.from = from;
        this.messageIdDomain = messageIdDomain;
    }

    @Override
    public String send(OutgoingMail mail) {
        byte[] raw = MimeMessages.write(mail, from, messageIdDomain);
        try {
            SendEmailResponse response = ses.sendEmail(request -> request
                    .destination(destination -> destination.toAddresses(mail.to()))
                    .content(content -> content.raw(r -> r.data(SdkBytes.fromByteArray(raw)))));
            return response.messageId();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if (e.isThrottlingException() || "TooManyRequestsException".equals(code)
                    || "LimitExceededException".equals(code)) {
                throw new Throttled(code);
            }
            if (e.statusCode() >= 400 && e.statusCode() < 500) {
                throw new Rejected(code == null || code.isEmpty() ? "rejected (" + e.statusCode() + ")" : code);
            }
            throw e;
        }
    }
}
