package com.clinicbackbone.notification.notification.sms;

import com.clinicbackbone.notification.NotificationProperties;
import com.clinicbackbone.notification.notification.DeliveryException;
import com.clinicbackbone.notification.notification.Notification;
import com.clinicbackbone.notification.notification.SmsMessage;
import com.clinicbackbone.notification.notification.SmsSender;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * The SMS channel through Twilio's Messages API: a form POST to
 * {@code /2010-04-01/Accounts/{AccountSid}/Messages.json} with HTTP basic auth (account SID, auth token),
 * answered with 201 and the message resource, of which {@code sid} and {@code status} are read. 429 and 5xx
 * answers are worth retrying (429's {@code Retry-After} seconds are passed on); other 4xx answers are permanent,
 * with Twilio's error {@code code} from the error body.
 */
@Component
class TwilioSmsSender implements SmsSender {

    private static final Logger log = LoggerFactory.getLogger(TwilioSmsSender.class);

    private final RestClient client;
    private final NotificationProperties.Sms settings;

    TwilioSmsSender(RestClient.Builder builder, NotificationProperties properties) {
        this.settings = properties.sms();
        var requestFactory = new SimpleClientHttpRequestFactory();
        requestFactory.setConnectTimeout(Duration.ofSeconds(5));
        requestFactory.setReadTimeout(Duration.ofSeconds(10));
        this.client = builder.clone()
                .baseUrl(settings.baseUrl())
                .requestFactory(requestFactory)
                .defaultHeaders(headers -> headers.setBasicAuth(settings.accountSid(), settings.authToken()))
                .build();
    }

    @Override
    public String send(SmsMessage message) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("To", message.to());
        form.add("From", settings.from());
        form.add("Body", message.body());
        form.add("StatusCallback", settings.statusCallbackUrl());
        TwilioMessage answer;
        try {
            answer = client.post()
                    .uri("/2010-04-01/Accounts/{accountSid}/Messages.json", settings.accountSid())
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(form)
                    .retrieve()
                    .body(TwilioMessage.class);
        } catch (RestClientResponseException e) {
            int status = e.getStatusCode().value();
            boolean permanent = e.getStatusCode().is4xxClientError() && status != HttpStatus.TOO_MANY_REQUESTS.value();
            String twilioCode = errorCode(e);
            throw new DeliveryException("SMS provider answered " + status
                    + (twilioCode == null ? "" : " (Twilio error " + twilioCode + ")"),
                    permanent ? Notification.Failure.PROVIDER_REJECTED : null, twilioCode,
                    retryAfter(e.getResponseHeaders()), permanent, e);
        } catch (RestClientException e) {
            if (neverConnected(e)) {
                throw new DeliveryException("SMS provider unreachable: " + e.getClass().getSimpleName(), false, e);
            }
            // the request went out and the answer was lost: Twilio may have the message (at most once: no retry)
            throw DeliveryException.outcomeUnknown("SMS provider's answer lost: "
                    + (e.getMostSpecificCause() == null ? e : e.getMostSpecificCause()).getClass().getSimpleName(), e);
        }
        if (answer == null || answer.sid() == null) {
            throw new DeliveryException("SMS provider answered without a message sid", false, null);
        }
        log.debug("SMS {} accepted by the provider with status {}", answer.sid(), answer.status());
        return answer.sid();
    }

    /** True when no connection was made (refused, or the connect timed out): nothing reached Twilio. */
    private static boolean neverConnected(RestClientException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.ConnectException || cause instanceof java.net.UnknownHostException
                    || cause instanceof java.net.SocketTimeoutException timeout
                    && String.valueOf(timeout.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("connect")) {
                return true;
            }
        }
        return false;
    }

    /** Twilio's error code (for example 21610: the recipient replied STOP), if its error body says one. */
    private static String errorCode(RestClientResponseException e) {
        try {
            TwilioError error = e.getResponseBodyAs(TwilioError.class);
            return error == null || error.code() == null ? null : error.code().toString();
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** The {@code Retry-After} header in seconds (what Twilio sends with 429), if there is a readable one. */
    static Duration retryAfter(HttpHeaders headers) {
        String value = headers == null ? null : headers.getFirst(HttpHeaders.RETRY_AFTER);
        if (value == null || !value.strip().matches("\\d{1,6}")) {
            return null;
        }
        return Duration.ofSeconds(Long.parseLong(value.strip()));
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TwilioMessage(String sid, String status) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TwilioError(Integer code) {
    }
}
