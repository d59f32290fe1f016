import Foundation
import Hummingbird

/// The fields the sign-in and sign-out forms post.
struct SignInForm: Decodable {
    var token: String?
    var csrf: String?
}

/// `/signin` and `/signout`: with `web.token` set, the token is typed once here and exchanged for
/// a session cookie, which the forms that write then need. Reading never needs it.
struct SignInRoutes: Sendable {
    let environment: WebEnvironment
    /// Writes that are allowed before signing in: signing in itself, and leaving.
    static let paths: Set<String> = ["/signin", "/signout"]

    func add(to router: Router<BasicRequestContext>) {
        router.get("/signin") { request, _ in try await page(request) }
        router.post("/signin") { request, _ in try await signIn(request) }
        router.post("/signout") { request, _ in try await signOut(request) }
    }

    private var shell: PageShell { PageRoutes(environment: environment).shell }

    func page(_ request: Request) async throws -> Response {
        let signedIn = await environment.sessions.isOpen(request.cookies[SessionStore.cookieName]?.value, now: environment.clock.now())
        return render(notice: signedIn ? .ok("You are signed in: you can book and cancel.") : nil, status: .ok)
    }

    func signIn(_ request: Request) async throws -> Response {
        let form = try await decodeForm(request)
        guard environment.apiToken.isRequired else { return .redirect(to: "/booking", type: .normal) }
        guard environment.apiToken.accepts(form.token ?? "") else {
            environment.logger.notice("sign-in refused: wrong token")
            return render(notice: .bad("That is not the token. Ask whoever runs ParkWatch for it."), status: .unauthorized)
        }
        let id = await environment.sessions.open(now: environment.clock.now())
        var response = Response.redirect(to: "/booking", type: .normal)
        response.setCookie(SessionStore.cookie(id, secure: SameOrigin.isSecure(request)))
        return response
    }

    func signOut(_ request: Request) async throws -> Response {
        _ = try await decodeForm(request)
        await environment.sessions.close(request.cookies[SessionStore.cookieName]?.value)
        var response = Response.redirect(to: "/", type: .normal)
        response.setCookie(SessionStore.expiredCookie(secure: SameOrigin.isSecure(request)))
        return response
    }

    /// The form, with its per-form token checked: a sign-in posted by another site's page would
    /// otherwise sign a visitor into a session of the attacker's choosing.
    private func decodeForm(_ request: Request) async throws -> SignInForm {
        var request = request
        let body = try await request.collectBody(upTo: 16 * 1024)
        let form: SignInForm
        do { form = try URLEncodedFormDecoder().decode(SignInForm.self, from: String(buffer: body)) } catch {
            throw WebError.badRequest("the form could not be read")
        }
        guard environment.forms.isValid(form.csrf, now: environment.clock.now()) else {
            throw WebError.forbidden("this page has expired; reload it and try again")
        }
        return form
    }

    private func render(notice: Notice?, status: HTTPResponse.Status) -> Response {
        let now = environment.clock.now()
        let content = SignInView().content(
            required: environment.apiToken.isRequired, notice: notice, token: environment.forms.issue(now: now))
        return shell.html(shell.page(title: "Sign in", section: .none, content: content, now: now), status: status)
    }
}

/// The sign-in page: a password field for the token, or a sign-out button once signed in.
struct SignInView: Sendable {
    func content(required: Bool, notice: Notice?, token: String) -> String {
        guard required else {
            return """
                <section class="card narrow"><h1>Sign in</h1>
                <p>No sign-in is needed: this server has no <code>web.token</code>, so anyone who can open these pages can book and cancel.</p></section>
                """
        }
        return """
            <section class="card narrow">
              <h1>Sign in</h1>
              \(notice.map(noticeHTML) ?? "")
              <p>Anyone can look; booking and cancelling need the token of this ParkWatch (<code>web.token</code>).</p>
              <form class="stack" method="post" action="/signin">
                <input type="hidden" name="csrf" value="\(h(token))">
                <label>Token<input type="password" name="token" autocomplete="current-password" required></label>
                <button type="submit">Sign in</button>
              </form>
              <form method="post" action="/signout"><input type="hidden" name="csrf" value="\(h(token))">
              <button class="quiet" type="submit">Sign out</button></form>
            </section>
            """
    }

    private func noticeHTML(_ notice: Notice) -> String {
        switch notice {
        case .ok(let text): "<div class=\"notice ok\" role=\"status\" id=\"notice\">\(h(text))</div>"
        case .bad(let text): "<div class=\"notice bad\" role=\"alert\" id=\"notice\">\(h(text))</div>"
        }
    }
}
