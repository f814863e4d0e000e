package com.clinicbackbone.notification.notification.sms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.clinicbackbone.notification.NotificationProperties;
import com.clinicbackbone.notification.notification.DeliveryException;
import com.clinicbackbone.notification.notification.SmsMessage;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/** How the adapter reads Twilio's answers (shapes as documented for the Messages resource and its errors). */
class TwilioSmsSenderTest {

    static final String SID = "AC00000000000000000000000000000000";
    static final String PATH = "/2010-04-01/Accounts/" + SID + "/Messages.json";

    final WireMockServer twilio = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .bindAddress("127.0.0.1"));
    final TwilioSmsSender sender;

    TwilioSmsSenderTest() {
        twilio.start();
        sender = new TwilioSmsSender(RestClient.builder(), new NotificationProperties(Map.of(), null,
                new NotificationProperties.Sms(twilio.baseUrl(), SID, "token", "+15875550100",
                        "http://127.0.0.1/api/sms/status"), Map.of()));
    }

    @AfterEach
    void stop() {
        twilio.stop();
    }

    @Test
    void returnsTheMessageSidOfACreatedMessage() {
        twilio.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"SM1234567890abcdef1234567890abcdef\", \"status\": \"queued\","
                        + " \"num_segments\": \"1\", \"error_code\": null}")));

        assertThat(sender.send(new SmsMessage("+15875550123", "hi"))).isEqualTo("SM1234567890abcdef1234567890abcdef");
    }

    @Test
    void rejectedRecipientIsAPermanentFailureNamingTwiliosErrorCode() {
        twilio.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\": 21610, \"message\": \"Attempt to send to unsubscribed recipient\","
                        + " \"more_info\": \"https://www.twilio.com/docs/errors/21610\", \"status\": 400}")));

        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> sender.send(new SmsMessage("+15875550123", "hi")));

        assertThat(e.isPermanent()).isTrue();
        assertThat(e.getMessage()).isEqualTo("SMS provider answered 400 (Twilio error 21610)")
                .doesNotContain("+1587");
        assertThat(e.code()).isEqualTo("PROVIDER_REJECTED");
        assertThat(e.providerErrorCode()).isEqualTo("21610");
    }

    @Test
    void rateLimitIsWorthRetryingAfterTheSecondsTwilioAsksFor() {
        twilio.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json").withHeader("Retry-After", "7")
                .withBody("{\"code\": 20429, \"message\": \"Too Many Requests\","
                        + " \"more_info\": \"https://www.twilio.com/docs/errors/20429\", \"status\": 429}")));

        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> sender.send(new SmsMessage("+15875550123", "hi")));

        assertThat(e.isPermanent()).isFalse();
        assertThat(e.getMessage()).isEqualTo("SMS provider answered 429 (Twilio error 20429)");
        assertThat(e.retryAfter()).isEqualTo(java.time.Duration.ofSeconds(7));
        assertThat(e.code()).isNull();
    }

    @Test
    void answerLostAfterTheRequestWentOutIsAnUnknownOutcomeNotARetry() {
        twilio.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse()
                .withFault(com.github.tomakehurst.wiremock.http.Fault.EMPTY_RESPONSE)));

        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> sender.send(new SmsMessage("+15875550123", "hi")));

        assertThat(e.outcomeUnknown()).isTrue();
        assertThat(e.isPermanent()).isFalse();
        assertThat(e.getMessage()).startsWith("SMS provider's answer lost");
    }

    @Test
    void providerThatCannotBeReachedIsWorthRetrying() {
        twilio.stop();

        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> sender.send(new SmsMessage("+15875550123", "hi")));

        assertThat(e.outcomeUnknown()).isFalse();
        assertThat(e.isPermanent()).isFalse();
        assertThat(e.getMessage()).startsWith("SMS provider unreachable");
    }

    @Test
    void serverErrorIsWorthRetrying() {
        twilio.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\": 20500, \"message\": \"Internal Server Error\","
                        + " \"more_info\": \"https://www.twilio.com/docs/errors/20500\", \"status\": 500}")));

        DeliveryException e = catchThrowableOfType(DeliveryException.class,
                () -> sender.send(new SmsMessage("+15875550123", "hi")));

        assertThat(e.isPermanent()).isFalse();
        assertThat(e.retryAfter()).isNull();
        assertThat(e.getMessage()).startsWith("SMS provider answered 500");
    }
}
