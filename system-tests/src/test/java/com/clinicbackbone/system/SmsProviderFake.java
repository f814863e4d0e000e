package com.clinicbackbone.system;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/** Twilio's Messages API faked at the HTTP level: the answer has the provider's real resource shape. */
final class SmsProviderFake {

    private SmsProviderFake() {
    }

    static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post(urlPathMatching(BookingFlow.SMS_PATH)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {{formData request.body 'form' urlDecode=true}}{"sid":"SM{{randomValue length=32 type='HEXADECIMAL'}}",
                         "account_sid":"{{request.pathSegments.[2]}}","to":"{{form.To}}",
                         "from":"{{form.From}}","body":"{{form.Body}}","status":"queued","num_segments":"1",
                         "direction":"outbound-api","api_version":"2010-04-01","price":null,"error_code":null,
                         "error_message":null,"date_created":"{{now format='EEE, dd MMM yyyy HH:mm:ss Z'}}",
                         "uri":"/2010-04-01/Accounts/{{request.pathSegments.[2]}}/Messages/SM0.json"}
                        """).withTransformers("response-template")));
        return server;
    }
}
